#include "aws/credentials.hpp"

#include "core/error.hpp"

namespace stslab::aws {

const char* to_string(CredentialKind kind) {
    switch (kind) {
        case CredentialKind::LongTerm: return "long-term";
        case CredentialKind::AssumeRole: return "AssumeRole";
        case CredentialKind::SAML: return "AssumeRoleWithSAML";
        case CredentialKind::WebIdentity: return "AssumeRoleWithWebIdentity";
        case CredentialKind::SessionToken: return "GetSessionToken";
        case CredentialKind::FederationToken: return "GetFederationToken";
        case CredentialKind::AssumeRoot: return "AssumeRoot";
    }
    return "?";
}

const Credential& CredentialStore::add(Credential credential) {
    const std::string key = credential.access_key_id;
    const auto [it, inserted] = by_key_.emplace(key, std::move(credential));
    if (!inserted) throw Error("duplicate access key id " + key);
    return it->second;
}

const Credential* CredentialStore::find(const std::string& access_key_id) const {
    const auto it = by_key_.find(access_key_id);
    return it == by_key_.end() ? nullptr : &it->second;
}

void CredentialStore::set_status(const std::string& access_key_id, KeyStatus status) {
    const auto it = by_key_.find(access_key_id);
    if (it != by_key_.end()) it->second.status = status;
}

}  // namespace stslab::aws
