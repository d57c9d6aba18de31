#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace wsl {

// The one zone that a DNS node serves, in which the apex and www.<origin> each have one A record.
struct DnsZone {
    std::string origin = "foobar.com";  // the zone apex, with or without the trailing dot
    std::string address;                // IPv4 address in dotted-quad form
    std::uint32_t ttl = 60;             // seconds
};

enum class DnsAnswerKind { Answer, NoData, NxDomain, Refused, FormErr, ServFail };

struct DnsReply {
    std::vector<std::uint8_t> wire;
    DnsAnswerKind kind;
    std::string qname;  // presentation form with the trailing dot, in the case the client sent
    std::string qtype;  // mnemonic such as "A", or "TYPE65534" for an unknown type
};

// Throws std::invalid_argument when the origin is not a domain name or the address is not IPv4.
void validateDnsZone(const DnsZone& zone);

// Builds the authoritative reply to one query packet. Returns nullopt when the packet must be
// ignored: it does not parse, it is a response (QR set), its opcode is not QUERY, or it has no
// question. Other opcodes are ignored rather than answered NOTIMP because the zone supports
// nothing but QUERY. With `serverFailure`, a query that would be answered gets SERVFAIL, which
// is how an injected error fault fails. Throws std::invalid_argument when validateDnsZone
// rejects the zone.
std::optional<DnsReply> answerDnsQuery(std::span<const std::uint8_t> query, const DnsZone& zone,
                                       bool serverFailure = false);

// Builds a recursion-desired query for the A record of `name`, without EDNS.
// Throws std::invalid_argument when `name` is not a valid domain name.
std::vector<std::uint8_t> makeDnsQuery(const std::string& name, std::uint16_t id);

struct DnsLookup {
    std::optional<std::string> address;  // the first A record of the answer section
    std::string rcode;  // "NOERROR", "NXDOMAIN" and so on, or empty when unparsable
    std::string error;  // empty when `address` is set
};

// Parses the reply to a query made by makeDnsQuery and extracts the first A address.
DnsLookup parseDnsReply(std::span<const std::uint8_t> reply, std::uint16_t expectedId);

// Returns the RCODE mnemonic that a reply of this kind carries ("NOERROR" for NoData too).
const char* dnsRcodeName(DnsAnswerKind kind);

}  // namespace wsl
