/**
 * OpenID metadata in the shape msal-node fetches (REFERENCE §1.6, samples/openid-configuration-common.json),
 * with every endpoint on this server. The issuer is Entra's v2 issuer, the `iss` of the user
 * tokens this server signs (`https://login.microsoftonline.com/{tid}/v2.0`), as a real tenant's
 * metadata says whichever alias it was fetched from; msal accepts it (a known Microsoft host).
 * For `common`/`organizations` it keeps the `{tenantid}` placeholder that msal substitutes.
 */
export function openIdConfiguration(baseUrl: string, tenant: string, tenantId: string): Record<string, unknown> {
  const issuerTenant = tenant === tenantId ? tenantId : '{tenantid}';
  const root = `${baseUrl}/${tenant}`;
  return {
    token_endpoint: `${root}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${root}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `https://login.microsoftonline.com/${issuerTenant}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
    authorization_endpoint: `${root}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${root}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${root}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
    kerberos_endpoint: `${root}/kerberos`,
    tenant_region_scope: 'NA',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  };
}

/** Instance discovery answer that makes msal trust this host as its own cloud. */
export function instanceDiscovery(baseUrl: string, authorityHost: string, tenant: string): Record<string, unknown> {
  return {
    tenant_discovery_endpoint: `${baseUrl}/${tenant}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: authorityHost, preferred_cache: authorityHost, aliases: [authorityHost] }],
  };
}
