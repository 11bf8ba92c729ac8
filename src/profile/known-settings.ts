// The setting names that something reads from a profile section, so that `configure set regoin …`
// can warn (and suggest `region`) while still writing what it was told. Sources: botocore 1.43's
// session variables (configprovider.BOTOCORE_DEFAUT_SESSION_VARIABLES, their config-file names),
// the credential settings of the SDKs and Tools Reference Guide, and the AWS CLI's own settings.
// A name missing here only costs a warning, never a refusal.
const BOTOCORE = [
  'account_id_endpoint_mode', 'api_versions', 'auth_scheme_preference', 'ca_bundle', 'csm_client_id', 'csm_enabled', 'csm_host',
  'csm_port', 'data_path', 'defaults_mode', 'disable_host_prefix_injection', 'disable_request_compression',
  'ec2_metadata_service_endpoint', 'ec2_metadata_service_endpoint_mode', 'ec2_metadata_v1_disabled', 'endpoint_discovery_enabled',
  'ignore_configured_endpoint_urls', 'imds_use_ipv6', 'max_attempts', 'metadata_service_num_attempts', 'metadata_service_timeout',
  'parameter_validation', 'region', 'request_checksum_calculation', 'request_min_compression_size_bytes',
  'response_checksum_validation', 'retry_mode', 's3_disable_express_session_auth', 'sdk_ua_app_id', 'sigv4a_signing_region_set',
  'sts_regional_endpoints', 'tcp_keepalive', 'use_dualstack_endpoint', 'use_fips_endpoint',
];
const CREDENTIALS = [
  'aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_security_token', 'aws_account_id', 'role_arn', 'source_profile',
  'credential_source', 'external_id', 'mfa_serial', 'role_session_name', 'duration_seconds', 'web_identity_token_file',
  'credential_process', 'sso_session', 'sso_account_id', 'sso_role_name', 'sso_start_url', 'sso_region', 'sso_registration_scopes',
  'login_session', 'endpoint_url', 'services',
];
const AWS_CLI = [
  'output', 'cli_pager', 'cli_timestamp_format', 'cli_follow_urlparam', 'cli_binary_format', 'cli_auto_prompt', 'cli_history',
  'cli_help_output', 's3', 's3api', 'dynamodb', 'sts', 'ec2', 'ssm', 'sso_auto_populated',
];

export const KNOWN_PROFILE_SETTINGS: ReadonlySet<string> = new Set([...BOTOCORE, ...CREDENTIALS, ...AWS_CLI]);
