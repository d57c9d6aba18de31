// HTTPS at the load balancers: the certificate, the redirect and force-HTTPS settings.

#include "engine_impl.h"

namespace wsl {

// The HTTPS port moves with the instance's port offset, as the HTTP port does.
void Engine::Impl::enableHttps(LoadBalancer& balancer, const NodeSpec& spec) {
    const auto configured = *spec.httpsPort;
    const auto port = static_cast<std::uint16_t>(configured == 0 ? 0 : configured + portOffset);
    const auto& loaded = loadCertificate();
    balancer.enableHttps(port, loaded.certificatePem, loaded.keyPem);
}

// One certificate for every balancer: its names are the site's, and its addresses every
// balancer's that serves HTTPS.
const TlsCertificate& Engine::Impl::loadCertificate() {
    if (certificate) {
        return *certificate;
    }
    const auto& topology = options.topology;
    CertificateSubject subject;
    subject.dnsNames = {"www." + topology.domain, topology.domain, "localhost"};
    for (const auto* spec : topology.ofKind(NodeKind::LoadBalancer)) {
        if (spec->httpsPort) {
            subject.ipAddresses.push_back(spec->address);
        }
    }
    const auto directory =
        options.tlsDirectory.empty() ? defaultTlsDirectory() : options.tlsDirectory;
    try {
        certificate = loadOrCreateCertificate(directory, subject);
    } catch (const std::exception& error) {
        throw std::runtime_error("cannot prepare the TLS certificate in " + directory.string() +
                                 ": " + error.what());
    }
    const auto fingerprint = "SHA-256 fingerprint " + certificate->fingerprint;
    if (certificate->generated) {
        tracer.event("engine", "tls",
                     "generated a self-signed certificate in " +
                         certificate->certificateFile.string() + " (" + certificate->reason +
                         "); " + fingerprint);
    } else {
        tracer.event("engine", "tls",
                     "reusing the certificate in " + certificate->certificateFile.string() + "; " +
                         fingerprint);
    }
    return *certificate;
}

// The first balancer that serves HTTPS, or null.
LoadBalancer* Engine::Impl::httpsBalancer() const {
    for (auto* balancer : balancers) {
        if (balancer->httpsPort() != 0) {
            return balancer;
        }
    }
    return nullptr;
}

HttpsStatus Engine::https() const {
    HttpsStatus status;
    status.forceHttps = impl_->forceHttps;
    auto* balancer = impl_->started ? impl_->httpsBalancer() : nullptr;
    if (balancer == nullptr || balancer->httpsPort() == 0) {
        return status;
    }
    status.node = balancer->name();
    status.port = balancer->httpsPort();
    status.url = "https://" + balancer->spec().address + ":" + std::to_string(status.port);
    status.redirectHttps = balancer->redirectHttps();
    if (impl_->certificate) {
        status.certificateFile = impl_->certificate->certificateFile.string();
        status.fingerprint = impl_->certificate->fingerprint;
        status.notAfter = impl_->certificate->notAfter;
    }
    return status;
}

std::string Engine::setRedirectHttps(bool enabled) {
    auto* balancer = impl_->started ? impl_->httpsBalancer() : nullptr;
    if (balancer == nullptr || balancer->httpsPort() == 0) {
        return "no load balancer serves HTTPS; give it an httpsPort in the topology";
    }
    if (balancer->redirectHttps() != enabled) {
        balancer->setRedirectHttps(enabled);
        impl_->tracer.event(balancer->name(), "tls",
                            enabled ? "plain HTTP requests are redirected to HTTPS (308)"
                                    : "plain HTTP requests are served again");
    }
    return {};
}

std::string Engine::setForceHttps(bool enabled) {
    const auto https = this->https();
    if (enabled && https.port == 0) {
        return "no load balancer serves HTTPS, so application servers have nowhere to redirect";
    }
    {
        std::lock_guard lock(impl_->nodesMutex);
        for (const auto& node : impl_->nodes) {
            if (auto* app = dynamic_cast<AppServer*>(node.get())) {
                app->setForceHttps(enabled, https.port);
            }
        }
    }
    if (impl_->forceHttps.exchange(enabled) != enabled) {
        impl_->tracer.event("engine", "tls",
                            enabled ? "application servers force HTTPS"
                                    : "application servers accept plain HTTP again");
    }
    return {};
}

}  // namespace wsl
