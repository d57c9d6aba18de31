#include "dns_message.h"

// Without __bool_true_false_are_defined, which <stdbool.h> sets, ldns 1.8 defines true and
// false as int macros in C++ and so changes overload and template choices below.
#include <stdbool.h>

#include <ldns/ldns.h>

#include <cstdlib>
#include <memory>
#include <new>
#include <stdexcept>

namespace wsl {

namespace {

// EDNS UDP payload size advertised in replies. 1232 bytes is the IPv6 minimum MTU of 1280 minus
// the IPv6 and UDP headers, so a reply of that size is never fragmented.
constexpr std::uint16_t kEdnsUdpPayload = 1232;

struct LdnsDeleter {
    void operator()(ldns_pkt* packet) const { ldns_pkt_free(packet); }
    void operator()(ldns_rdf* rdf) const { ldns_rdf_deep_free(rdf); }
    void operator()(ldns_rr* record) const { ldns_rr_free(record); }
    void operator()(char* text) const { std::free(text); }
    void operator()(std::uint8_t* wire) const { std::free(wire); }
};

using PacketPtr = std::unique_ptr<ldns_pkt, LdnsDeleter>;
using RdfPtr = std::unique_ptr<ldns_rdf, LdnsDeleter>;
using RecordPtr = std::unique_ptr<ldns_rr, LdnsDeleter>;
using TextPtr = std::unique_ptr<char, LdnsDeleter>;
using WirePtr = std::unique_ptr<std::uint8_t, LdnsDeleter>;

// ldns reports a failed allocation with a null pointer.
template <typename T>
T* requireAllocated(T* pointer) {
    if (pointer == nullptr) {
        throw std::bad_alloc();
    }
    return pointer;
}

std::string takeText(char* text) {
    const TextPtr owner(text);
    return owner ? std::string(owner.get()) : std::string();
}

struct ZoneRecords {
    RdfPtr apex;
    RdfPtr www;
    RdfPtr address;
};

ZoneRecords parseZone(const DnsZone& zone) {
    const std::string apexText = zone.origin.ends_with('.') ? zone.origin : zone.origin + ".";
    const std::string wwwText = apexText == "." ? "www." : "www." + apexText;

    ZoneRecords records{RdfPtr(ldns_dname_new_frm_str(apexText.c_str())),
                        RdfPtr(ldns_dname_new_frm_str(wwwText.c_str())),
                        RdfPtr(ldns_rdf_new_frm_str(LDNS_RDF_TYPE_A, zone.address.c_str()))};
    if (!records.apex || !records.www) {
        throw std::invalid_argument("invalid DNS zone origin '" + zone.origin + "'");
    }
    if (!records.address) {
        throw std::invalid_argument("invalid IPv4 address '" + zone.address + "' for zone " +
                                    zone.origin);
    }
    return records;
}

PacketPtr parsePacket(std::span<const std::uint8_t> bytes) {
    if (bytes.size() < LDNS_HEADER_SIZE) {
        return nullptr;
    }
    ldns_pkt* packet = nullptr;
    // On failure ldns frees its partial packet itself and leaves `packet` unset.
    if (ldns_wire2pkt(&packet, bytes.data(), bytes.size()) != LDNS_STATUS_OK) {
        return nullptr;
    }
    return PacketPtr(packet);
}

std::vector<std::uint8_t> toWire(const ldns_pkt* packet) {
    std::uint8_t* buffer = nullptr;
    std::size_t size = 0;
    const ldns_status status = ldns_pkt2wire(&buffer, packet, &size);
    const WirePtr owner(buffer);
    if (status != LDNS_STATUS_OK) {
        throw std::runtime_error(std::string("DNS message encoding failed: ") +
                                 ldns_get_errorstr_by_id(status));
    }
    return {owner.get(), owner.get() + size};
}

// ldns takes ownership of the record only when the push succeeds.
void pushRecord(ldns_pkt* packet, ldns_pkt_section section, RecordPtr record) {
    if (!ldns_pkt_push_rr(packet, section, record.get())) {
        throw std::bad_alloc();
    }
    record.release();
}

bool sameName(const ldns_rdf* left, const ldns_rdf* right) {
    return ldns_dname_compare(left, right) == 0;
}

// ldns_dname_is_subdomain returns true for a name that differs from the apex only in case,
// so equality is tested first by the case-insensitive comparison.
bool isInZone(const ldns_rdf* name, const ldns_rdf* apex) {
    return sameName(name, apex) || ldns_dname_is_subdomain(name, apex);
}

DnsAnswerKind classifyQuestions(const ldns_rr_list* questions, const ZoneRecords& zone) {
    if (ldns_rr_list_rr_count(questions) != 1) {
        return DnsAnswerKind::FormErr;
    }
    const ldns_rr* question = ldns_rr_list_rr(questions, 0);
    const ldns_rdf* name = ldns_rr_owner(question);

    // The zone exists in class IN only, and this server is authoritative for nothing else.
    if (ldns_rr_get_class(question) != LDNS_RR_CLASS_IN || !isInZone(name, zone.apex.get())) {
        return DnsAnswerKind::Refused;
    }
    if (!sameName(name, zone.apex.get()) && !sameName(name, zone.www.get())) {
        return DnsAnswerKind::NxDomain;
    }

    // ANY gets the A record because it is the only record the name has.
    const ldns_rr_type type = ldns_rr_get_type(question);
    return type == LDNS_RR_TYPE_A || type == LDNS_RR_TYPE_ANY ? DnsAnswerKind::Answer
                                                              : DnsAnswerKind::NoData;
}

ldns_pkt_rcode rcodeFor(DnsAnswerKind kind) {
    switch (kind) {
        case DnsAnswerKind::Answer:
        case DnsAnswerKind::NoData:
            return LDNS_RCODE_NOERROR;
        case DnsAnswerKind::NxDomain:
            return LDNS_RCODE_NXDOMAIN;
        case DnsAnswerKind::Refused:
            return LDNS_RCODE_REFUSED;
        case DnsAnswerKind::FormErr:
            return LDNS_RCODE_FORMERR;
        case DnsAnswerKind::ServFail:
            return LDNS_RCODE_SERVFAIL;
    }
    return LDNS_RCODE_SERVFAIL;
}

RecordPtr makeAddressRecord(const ldns_rr* question, const ZoneRecords& zone, std::uint32_t ttl) {
    RecordPtr record(requireAllocated(ldns_rr_new()));
    // The owner keeps the client's spelling because resolvers that randomize the case of the
    // query name (DNS 0x20) compare it with the reply.
    ldns_rr_set_owner(record.get(), requireAllocated(ldns_rdf_clone(ldns_rr_owner(question))));
    ldns_rr_set_type(record.get(), LDNS_RR_TYPE_A);
    ldns_rr_set_class(record.get(), LDNS_RR_CLASS_IN);
    ldns_rr_set_ttl(record.get(), ttl);
    RdfPtr address(requireAllocated(ldns_rdf_clone(zone.address.get())));
    if (!ldns_rr_push_rdf(record.get(), address.get())) {
        throw std::bad_alloc();
    }
    address.release();
    return record;
}

// NOTE: negative replies carry no SOA in the authority section because the zone has none,
// so resolvers cache NXDOMAIN and NODATA only by their own default.
PacketPtr buildReply(const ldns_pkt* query, DnsAnswerKind kind, const ZoneRecords& zone,
                     std::uint32_t ttl) {
    PacketPtr reply(requireAllocated(ldns_pkt_new()));
    ldns_pkt* packet = reply.get();
    ldns_pkt_set_id(packet, ldns_pkt_id(query));
    ldns_pkt_set_qr(packet, true);
    ldns_pkt_set_opcode(packet, LDNS_PACKET_QUERY);
    const bool inZone = kind != DnsAnswerKind::Refused && kind != DnsAnswerKind::FormErr &&
                        kind != DnsAnswerKind::ServFail;
    ldns_pkt_set_aa(packet, inZone);
    ldns_pkt_set_rd(packet, ldns_pkt_rd(query));
    ldns_pkt_set_ra(packet, false);  // this server never recurses
    ldns_pkt_set_rcode(packet, static_cast<std::uint8_t>(rcodeFor(kind)));

    // A FORMERR reply has no question section because the query had no single question.
    if (kind != DnsAnswerKind::FormErr) {
        const ldns_rr* question = ldns_rr_list_rr(ldns_pkt_question(query), 0);
        pushRecord(packet, LDNS_SECTION_QUESTION,
                   RecordPtr(requireAllocated(ldns_rr_clone(question))));
        if (kind == DnsAnswerKind::Answer) {
            pushRecord(packet, LDNS_SECTION_ANSWER, makeAddressRecord(question, zone, ttl));
        }
    }

    // NOTE: the query's EDNS version is not checked, so a version 1 query gets a version 0
    // reply instead of BADVERS.
    if (ldns_pkt_edns(query)) {
        ldns_pkt_set_edns_udp_size(packet, kEdnsUdpPayload);
    }
    return reply;
}

}  // namespace

const char* dnsRcodeName(DnsAnswerKind kind) {
    switch (kind) {
        case DnsAnswerKind::Answer:
        case DnsAnswerKind::NoData:
            return "NOERROR";
        case DnsAnswerKind::NxDomain:
            return "NXDOMAIN";
        case DnsAnswerKind::Refused:
            return "REFUSED";
        case DnsAnswerKind::FormErr:
            return "FORMERR";
        case DnsAnswerKind::ServFail:
            return "SERVFAIL";
    }
    return "SERVFAIL";
}

void validateDnsZone(const DnsZone& zone) {
    parseZone(zone);
}

std::optional<DnsReply> answerDnsQuery(std::span<const std::uint8_t> query, const DnsZone& zone,
                                       bool serverFailure) {
    const ZoneRecords records = parseZone(zone);

    // A reply to a response could start an endless exchange between two servers.
    const PacketPtr request = parsePacket(query);
    if (!request || ldns_pkt_qr(request.get()) ||
        ldns_pkt_get_opcode(request.get()) != LDNS_PACKET_QUERY) {
        return std::nullopt;
    }
    const ldns_rr_list* questions = ldns_pkt_question(request.get());
    if (ldns_rr_list_rr_count(questions) == 0) {
        return std::nullopt;
    }

    const DnsAnswerKind kind =
        serverFailure ? DnsAnswerKind::ServFail : classifyQuestions(questions, records);
    const PacketPtr reply = buildReply(request.get(), kind, records, zone.ttl);

    const ldns_rr* first = ldns_rr_list_rr(questions, 0);
    return DnsReply{toWire(reply.get()), kind, takeText(ldns_rdf2str(ldns_rr_owner(first))),
                    takeText(ldns_rr_type2str(ldns_rr_get_type(first)))};
}

std::vector<std::uint8_t> makeDnsQuery(const std::string& name, std::uint16_t id) {
    ldns_pkt* packet = nullptr;
    const ldns_status status = ldns_pkt_query_new_frm_str(&packet, name.c_str(), LDNS_RR_TYPE_A,
                                                          LDNS_RR_CLASS_IN, LDNS_RD);
    const PacketPtr query(packet);
    if (status != LDNS_STATUS_OK) {
        throw std::invalid_argument("invalid DNS name '" + name +
                                    "': " + ldns_get_errorstr_by_id(status));
    }
    ldns_pkt_set_id(query.get(), id);
    return toWire(query.get());
}

DnsLookup parseDnsReply(std::span<const std::uint8_t> reply, std::uint16_t expectedId) {
    DnsLookup lookup;
    const PacketPtr packet = parsePacket(reply);
    if (!packet) {
        lookup.error = "reply is not a valid DNS message";
        return lookup;
    }
    lookup.rcode = takeText(ldns_pkt_rcode2str(ldns_pkt_get_rcode(packet.get())));

    if (!ldns_pkt_qr(packet.get())) {
        lookup.error = "packet is a query, not a reply (QR clear)";
        return lookup;
    }
    if (ldns_pkt_id(packet.get()) != expectedId) {
        lookup.error = "reply ID " + std::to_string(ldns_pkt_id(packet.get())) +
                       " does not match query ID " + std::to_string(expectedId);
        return lookup;
    }
    if (ldns_pkt_get_rcode(packet.get()) != LDNS_RCODE_NOERROR) {
        lookup.error = "server returned " + lookup.rcode;
        return lookup;
    }

    const ldns_rr_list* answers = ldns_pkt_answer(packet.get());
    for (std::size_t i = 0; i < ldns_rr_list_rr_count(answers); ++i) {
        const ldns_rr* record = ldns_rr_list_rr(answers, i);
        if (ldns_rr_get_type(record) == LDNS_RR_TYPE_A && ldns_rr_rd_count(record) == 1) {
            lookup.address = takeText(ldns_rdf2str(ldns_rr_rdf(record, 0)));
            return lookup;
        }
    }
    lookup.error = ldns_pkt_tc(packet.get()) ? "reply is truncated (TC set) and has no A record"
                                             : "reply has no A record";
    return lookup;
}

}  // namespace wsl
