#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace wsl {

// The names a server certificate must cover.
struct CertificateSubject {
    std::vector<std::string> dnsNames;     // the first one is also the subject's common name
    std::vector<std::string> ipAddresses;  // IPv4 addresses in dotted form
};

// A self-signed certificate and its private key, as PEM text and as the files they live in.
struct TlsCertificate {
    std::filesystem::path certificateFile;
    std::filesystem::path keyFile;
    std::string certificatePem;
    std::string keyPem;
    std::string fingerprint;  // SHA-256 of the DER certificate, "AB:CD:…"
    std::string notAfter;     // expiry in UTC, "2027-12-04T22:45:00Z"
    bool generated = false;   // false when reused from an earlier start
    std::string reason;       // why it was generated: missing, expired, names changed, …
};

// Where the certificate lives unless the caller chooses: $XDG_DATA_HOME/webstack-lab/tls, else
// ~/.local/share/webstack-lab/tls.
std::filesystem::path defaultTlsDirectory();

// Loads the certificate and key from `directory` when both parse, belong together, stay valid
// for at least a day and cover every name and address of `subject`. Otherwise generates a new
// EC P-256 key and a self-signed certificate and writes them there: the folder with mode 0700,
// the key with mode 0600. Throws std::runtime_error when the files cannot be written.
TlsCertificate loadOrCreateCertificate(const std::filesystem::path& directory,
                                       const CertificateSubject& subject);

}  // namespace wsl
