// Only OpenSSL 3 interfaces: this file does not include Asio's ssl headers, which need the
// deprecated ones.
#define OPENSSL_NO_DEPRECATED

#include "tls_certificate.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace wsl {

namespace {

// A year. A certificate past its expiry, or within a day of it, is replaced at the next start.
constexpr long kValiditySeconds = 365L * 24 * 60 * 60;
// Issued a minute in the past, so that a client whose clock lags slightly accepts it at once.
constexpr long kBackdateSeconds = 60;
// A certificate that expires within this time is replaced, so that it stays valid through a
// session of up to a day.
constexpr std::time_t kMinRemainingSeconds = 24 * 60 * 60;
constexpr const char* kCertificateName = "certificate.pem";
constexpr const char* kKeyName = "private-key.pem";

struct Free {
    void operator()(X509* p) const { X509_free(p); }
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
    void operator()(BIO* p) const { BIO_free(p); }
    void operator()(BIGNUM* p) const { BN_free(p); }
    void operator()(X509_EXTENSION* p) const { X509_EXTENSION_free(p); }
    void operator()(GENERAL_NAMES* p) const { GENERAL_NAMES_free(p); }
};
template <typename T>
using Owned = std::unique_ptr<T, Free>;

void require(bool ok, const std::string& step) {
    if (!ok) {
        throw std::runtime_error("cannot create the TLS certificate: " + step + " failed");
    }
}

std::string readFile(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream contents;
    contents << file.rdbuf();
    return file ? contents.str() : std::string{};
}

// Writes through a temporary file and a rename, so that a reader never sees half a file.
// fchmod after open, because open's mode applies only when it creates the file.
void writeFile(const std::filesystem::path& path, const std::string& contents, mode_t mode) {
    const auto temporary = path.string() + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) {
        throw std::system_error(errno, std::generic_category(), "cannot write " + temporary);
    }
    bool ok = ::fchmod(fd, mode) == 0;
    for (std::size_t written = 0; ok && written < contents.size();) {
        const auto n = ::write(fd, contents.data() + written, contents.size() - written);
        ok = n > 0;
        written += ok ? static_cast<std::size_t>(n) : 0;
    }
    ok = ::close(fd) == 0 && ok;
    if (!ok || ::rename(temporary.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        throw std::system_error(error, std::generic_category(), "cannot write " + path.string());
    }
}

std::string pemOf(X509* certificate) {
    Owned<BIO> bio(BIO_new(BIO_s_mem()));
    require(bio && PEM_write_bio_X509(bio.get(), certificate) == 1, "PEM_write_bio_X509");
    char* data = nullptr;
    const auto length = BIO_get_mem_data(bio.get(), &data);
    return {data, static_cast<std::size_t>(length)};
}

std::string pemOf(EVP_PKEY* key) {
    Owned<BIO> bio(BIO_new(BIO_s_mem()));
    require(
        bio && PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
        "PEM_write_bio_PrivateKey");
    char* data = nullptr;
    const auto length = BIO_get_mem_data(bio.get(), &data);
    return {data, static_cast<std::size_t>(length)};
}

void addExtension(X509* certificate, int nid, const std::string& value) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    Owned<X509_EXTENSION> extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str()));
    require(extension && X509_add_ext(certificate, extension.get(), -1) == 1,
            std::string("adding extension ") + OBJ_nid2sn(nid));
}

std::string subjectAltNames(const CertificateSubject& subject) {
    std::string names;
    for (const auto& name : subject.dnsNames) {
        names += (names.empty() ? "DNS:" : ",DNS:") + name;
    }
    for (const auto& address : subject.ipAddresses) {
        names += (names.empty() ? "IP:" : ",IP:") + address;
    }
    return names;
}

void setSerialAndValidity(X509* certificate) {
    // A random positive 63-bit serial, because clients reject two different certificates with
    // the same issuer and serial, and every regenerated certificate has the same issuer.
    Owned<BIGNUM> serial(BN_new());
    require(serial && BN_rand(serial.get(), 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1,
            "BN_rand");
    require(BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate)) != nullptr,
            "BN_to_ASN1_INTEGER");
    require(X509_gmtime_adj(X509_getm_notBefore(certificate), -kBackdateSeconds) != nullptr,
            "setting notBefore");
    require(X509_gmtime_adj(X509_getm_notAfter(certificate), kValiditySeconds) != nullptr,
            "setting notAfter");
}

void setNames(X509* certificate, const CertificateSubject& subject) {
    X509_NAME* name = X509_get_subject_name(certificate);
    const auto commonName =
        subject.dnsNames.empty() ? std::string("localhost") : subject.dnsNames.front();
    const auto add = [name](const char* field, const std::string& value) {
        return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                          reinterpret_cast<const unsigned char*>(value.c_str()), -1,
                                          -1, 0) == 1;
    };
    require(add("O", "Webstack Lab (self-signed)") && add("CN", commonName), "setting the subject");
    require(X509_set_issuer_name(certificate, name) == 1, "setting the issuer");
}

// An end-entity certificate (CA:FALSE) for server authentication, trusted directly by clients
// that are given its file, as with curl --cacert.
Owned<X509> makeCertificate(EVP_PKEY* key, const CertificateSubject& subject) {
    Owned<X509> certificate(X509_new());
    require(certificate != nullptr, "X509_new");
    require(X509_set_version(certificate.get(), X509_VERSION_3) == 1, "X509_set_version");
    setSerialAndValidity(certificate.get());
    setNames(certificate.get(), subject);
    require(X509_set_pubkey(certificate.get(), key) == 1, "X509_set_pubkey");

    addExtension(certificate.get(), NID_basic_constraints, "critical,CA:FALSE");
    addExtension(certificate.get(), NID_key_usage, "critical,digitalSignature");
    addExtension(certificate.get(), NID_ext_key_usage, "serverAuth");
    addExtension(certificate.get(), NID_subject_key_identifier, "hash");
    addExtension(certificate.get(), NID_subject_alt_name, subjectAltNames(subject));
    require(X509_sign(certificate.get(), key, EVP_sha256()) > 0, "X509_sign");
    return certificate;
}

std::string fingerprintOf(X509* certificate) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    require(X509_digest(certificate, EVP_sha256(), digest, &length) == 1, "X509_digest");
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string text;
    for (unsigned int i = 0; i < length; ++i) {
        text += i == 0 ? "" : ":";
        text += kDigits[digest[i] >> 4];
        text += kDigits[digest[i] & 0xf];
    }
    return text;
}

std::string notAfterOf(X509* certificate) {
    std::tm parts{};
    if (ASN1_TIME_to_tm(X509_get0_notAfter(certificate), &parts) != 1) {
        return {};
    }
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

// The DNS names and IP addresses in the certificate's subjectAltName.
std::set<std::string> namesIn(X509* certificate) {
    std::set<std::string> names;
    Owned<GENERAL_NAMES> general(static_cast<GENERAL_NAMES*>(
        X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr)));
    for (int i = 0; general && i < sk_GENERAL_NAME_num(general.get()); ++i) {
        const GENERAL_NAME* entry = sk_GENERAL_NAME_value(general.get(), i);
        if (entry->type == GEN_DNS) {
            const auto* data = ASN1_STRING_get0_data(entry->d.dNSName);
            names.emplace(reinterpret_cast<const char*>(data),
                          static_cast<std::size_t>(ASN1_STRING_length(entry->d.dNSName)));
        } else if (entry->type == GEN_IPADD && ASN1_STRING_length(entry->d.iPAddress) == 4) {
            char text[INET_ADDRSTRLEN];
            ::inet_ntop(AF_INET, ASN1_STRING_get0_data(entry->d.iPAddress), text, sizeof text);
            names.emplace(text);
        }
    }
    return names;
}

// Why the stored pair cannot be reused, or empty when it can.
std::string unusableReason(X509* certificate, EVP_PKEY* key, const CertificateSubject& subject,
                           const std::filesystem::path& keyFile) {
    if (certificate == nullptr || key == nullptr) {
        return "no readable certificate and key";
    }
    if (X509_check_private_key(certificate, key) != 1) {
        return "the key does not belong to the certificate";
    }
    std::time_t soon = std::time(nullptr) + kMinRemainingSeconds;
    if (X509_cmp_time(X509_get0_notAfter(certificate), &soon) <= 0) {
        return "the certificate expires within a day";
    }
    if (X509_cmp_current_time(X509_get0_notBefore(certificate)) > 0) {
        return "the certificate is not valid yet";
    }
    const auto names = namesIn(certificate);
    for (const auto* list : {&subject.dnsNames, &subject.ipAddresses}) {
        for (const auto& name : *list) {
            if (!names.contains(name)) {
                return "the certificate does not cover " + name;
            }
        }
    }
    struct stat status {};
    if (::stat(keyFile.c_str(), &status) != 0 || (status.st_mode & 077) != 0) {
        return "the key file was readable by other users";
    }
    return {};
}

TlsCertificate describe(X509* certificate, std::string keyPem,
                        const std::filesystem::path& directory) {
    TlsCertificate result;
    result.certificateFile = directory / kCertificateName;
    result.keyFile = directory / kKeyName;
    result.certificatePem = pemOf(certificate);
    result.keyPem = std::move(keyPem);
    result.fingerprint = fingerprintOf(certificate);
    result.notAfter = notAfterOf(certificate);
    return result;
}

std::optional<TlsCertificate> loadExisting(const std::filesystem::path& directory,
                                           const CertificateSubject& subject, std::string* reason) {
    const auto certificatePem = readFile(directory / kCertificateName);
    const auto keyPem = readFile(directory / kKeyName);
    Owned<BIO> certificateBio(
        BIO_new_mem_buf(certificatePem.data(), static_cast<int>(certificatePem.size())));
    Owned<BIO> keyBio(BIO_new_mem_buf(keyPem.data(), static_cast<int>(keyPem.size())));
    Owned<X509> certificate(PEM_read_bio_X509(certificateBio.get(), nullptr, nullptr, nullptr));
    Owned<EVP_PKEY> key(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr));

    *reason = unusableReason(certificate.get(), key.get(), subject, directory / kKeyName);
    if (!reason->empty()) {
        return std::nullopt;
    }
    return describe(certificate.get(), keyPem, directory);
}

}  // namespace

std::filesystem::path defaultTlsDirectory() {
    const char* dataHome = std::getenv("XDG_DATA_HOME");
    if (dataHome != nullptr && dataHome[0] == '/') {
        return std::filesystem::path(dataHome) / "webstack-lab" / "tls";
    }
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home != nullptr ? home : ".") / ".local" / "share" /
           "webstack-lab" / "tls";
}

TlsCertificate loadOrCreateCertificate(const std::filesystem::path& directory,
                                       const CertificateSubject& subject) {
    std::filesystem::create_directories(directory);
    std::filesystem::permissions(directory, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace);

    std::string reason;
    if (auto existing = loadExisting(directory, subject, &reason)) {
        return std::move(*existing);
    }

    Owned<EVP_PKEY> key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    require(key != nullptr, "generating an EC P-256 key");
    const auto certificate = makeCertificate(key.get(), subject);
    auto result = describe(certificate.get(), pemOf(key.get()), directory);
    writeFile(result.keyFile, result.keyPem, 0600);
    writeFile(result.certificateFile, result.certificatePem, 0644);
    result.generated = true;
    result.reason = reason;
    return result;
}

}  // namespace wsl
