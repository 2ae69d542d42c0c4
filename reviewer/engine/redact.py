"""Mask anything that looks like a secret before text leaves the machine.

`redact` runs on the final texts the cloud backend sends (system prompt and
user message, exactly as framed: `   12 + line`, `12 | line`, `+line`), so a
pattern never depends on where a line starts in the source file. Every line
is split into its frame (line number, `+`/`>`/`|` markers, a diff marker)
and its content; the patterns see the content, the frame is kept as it is.

Layers, in order (docs/cloud.md, "Redaction", says where each came from):

1. Private-key blocks (PEM, PGP, OpenSSH; several framed lines, or one line
   with `\\n` escapes) and bare key-material lines of a block cut by the
   prompt window.
2. Token shapes: 77 vendor prefixes/formats, studied from gitleaks'
   default rules (`config/gitleaks.toml`) and written here as one table
   (`TOKEN_SHAPES`); each entry names the gitleaks rule it follows.
3. Credentials inside strings: `scheme://user:PASSWORD@host` (empty user
   too), `Authorization: Basic/Bearer ...`, connection-string and query
   keys (`Pwd=`, `Password=`, `AccountKey=`, `SharedAccessKey=`, `sig=`,
   libpq `password=`).
4. Key-value assignments whose name says password/secret/token/key/auth/
   credential (its last word not name/path/url/type/...): quoted values in
   any syntax, and unquoted values (ini, YAML, `.env`, TOML, properties)
   unless the value is plainly code (a call, a variable or template
   reference, an identifier, a dotted name, a literal such as `None`).
5. detect-secrets (Yelp, maintained), when installed: its regex plugins by
   their own patterns, and its base64 high-entropy plugin on quoted strings.
   Its hex high-entropy plugin is not used (it masks git SHAs and hash
   fixtures; hex secrets are caught by their name), nor its keyword plugin
   (layer 4 covers it with fewer false positives), nor its IP plugin.

A masked value becomes `[REDACTED:<kind>]`. The caller learns how many values
of which kinds were masked, never the values themselves: reports and the
ledger show counts and kinds only.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Mapping, Optional

MASK = "[REDACTED:{kind}]"
_MASKED = "[REDACTED:"

# ---------------------------------------------------------------------------------------------------------
# Frames: what the prompt builders put before a source line.
#   escalate.py   "   12 + code"  /  "   12   code"
#   prompts.py    "   12 + code"  /  "   12   code"  /  "   12> code" (verify)
#   others        "12 | code", "12: code", and diff lines "+code" / "-code" / " code"
_FRAME = re.compile(r"^(?:[ \t]*\d{1,7}(?:[ \t]*[|:>])?[ \t]?(?:[+\-][ \t])?|[+\-](?![+\-]))")

# ---------------------------------------------------------------------------------------------------------
# 1. Private keys.
_KEY_BEGIN = re.compile(r"-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----")
_KEY_END = re.compile(r"-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----")
_KEY_ONE_LINE = re.compile(
    r"-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----.*?(?:-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----|$)")
_PUBLIC_BEGIN = re.compile(r"-----BEGIN (?:CERTIFICATE|PUBLIC KEY|RSA PUBLIC KEY|PGP PUBLIC KEY BLOCK|"
                           r"CERTIFICATE REQUEST|X509 CRL)-----")
_PUBLIC_END = re.compile(r"-----END [A-Z0-9 ]+-----")
# A line of key material on its own (a block whose BEGIN line is outside the prompt window).
_KEY_MATERIAL = re.compile(r"^[ \t]*(?:[\"']|b[\"'])?(?P<secret>[A-Za-z0-9+/]{60,}={0,2})(?:\\n)?(?:[\"'])?[ \t]*[,;+]?[ \t]*$")
_KEY_HEADER = re.compile(r"^[ \t]*(?:Proc-Type:|DEK-Info:|Comment:|Version:|$)")
_KEY_BODY = re.compile(r"^[ \t]*[\"']?[A-Za-z0-9+/=]{4,}(?:\\n)?[\"']?[ \t]*[,;+]?[ \t]*$")

# ---------------------------------------------------------------------------------------------------------
# 2. Token shapes, after gitleaks' default rules (rule id in the comment). Whole matches are masked.
_B = r"(?<![A-Za-z0-9_\-])"  # left boundary
_E = r"(?![A-Za-z0-9_\-])"  # right boundary
TOKEN_SHAPES: tuple[tuple[str, str], ...] = (
    ("anthropic api key", r"sk-ant-(?:api|admin|sid)\d\d-[A-Za-z0-9_\-]{20,}"),  # anthropic-api-key, -admin-api-key
    ("openai api key", r"sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_\-]{20,}"),  # openai-api-key
    ("openai api key", r"sk-[A-Za-z0-9_\-]{32,}"),  # openai-api-key (legacy), deepseek etc.
    ("github token", r"gh[pousr]_[A-Za-z0-9]{36,255}"),  # github-pat, -oauth, -app-token, -refresh-token
    ("github token", r"github_pat_[A-Za-z0-9_]{50,255}"),  # github-fine-grained-pat
    ("gitlab token", r"gl(?:pat|dt|ptt|rt|cbt|soat|ft|imt|agent|oas|ffct|rtr)-[A-Za-z0-9_\-]{20,}"),  # gitlab-*
    ("gitlab token", r"GR1348941[A-Za-z0-9_\-]{20,}"),  # gitlab-rrt
    ("slack token", r"xox[abposer]-(?:\d+-)?[A-Za-z0-9\-]{10,}"),  # slack-bot-token, -user-token, -legacy-*
    ("slack token", r"xapp-\d-[A-Za-z0-9\-]{10,}"),  # slack-app-token
    ("slack webhook", r"hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/+\-]{20,}"),  # slack-webhook-url
    ("discord webhook", r"discord(?:app)?\.com/api/webhooks/\d+/[A-Za-z0-9_\-]{30,}"),  # discord-* (webhook)
    ("discord token", r"[MNO][A-Za-z0-9_\-]{23,27}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,40}"),  # discord bot token
    ("aws access key", r"(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}"),  # aws-access-token
    ("google api key", r"AIza[0-9A-Za-z_\-]{35}"),  # gcp-api-key
    ("google oauth secret", r"GOCSPX-[A-Za-z0-9_\-]{28}"),  # gcp oauth client secret
    ("google oauth token", r"ya29\.[A-Za-z0-9_\-]{30,}"),  # google oauth access token
    ("azure ad client secret", r"[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.\-]{31,34}"),  # azure-ad-client-secret
    ("digitalocean token", r"do[por]_v1_[a-f0-9]{64}"),  # digitalocean-pat, -access-token, -refresh-token
    ("shopify token", r"shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}"),  # shopify-access-token, -custom-access-token, ...
    ("mailgun key", r"(?:pub)?key-[a-f0-9]{32}"),  # mailgun-private-api-token, -pub-key
    ("mailgun key", r"[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}"),  # mailgun-signing-key
    ("databricks token", r"dapi[a-f0-9]{32}(?:-\d)?"),  # databricks-api-token
    ("stripe key", r"(?:sk|rk)_(?:test|live|prod)_[A-Za-z0-9]{10,99}"),  # stripe-access-token
    ("stripe webhook secret", r"whsec_[A-Za-z0-9]{24,}"),
    ("huggingface token", r"hf_[A-Za-z0-9]{30,}"),  # huggingface-access-token
    ("huggingface token", r"api_org_[A-Za-z0-9]{34}"),  # huggingface-organization-api-token
    ("npm token", r"npm_[A-Za-z0-9]{36}"),  # npm-access-token
    ("pypi token", r"pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,}"),  # pypi-upload-token
    ("nuget key", r"oy2[a-z0-9]{43}"),  # nuget-api-key (gitleaks: generic; shape from NuGet)
    ("rubygems token", r"rubygems_[a-f0-9]{48}"),  # rubygems-api-token
    ("sendgrid key", r"SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}"),  # sendgrid-api-token
    ("brevo key", r"xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}"),  # sendinblue-api-token
    ("twilio key", r"SK[0-9a-fA-F]{32}"),  # twilio-api-key
    ("mailchimp key", r"[0-9a-f]{32}-us\d{1,2}"),  # mailchimp-api-key
    ("square token", r"sq0(?:atp|csp)-[A-Za-z0-9_\-]{22,43}"),  # square-access-token, -secret
    ("square token", r"EAAA[A-Za-z0-9_\-+=]{60}"),  # square-access-token
    ("shippo token", r"shippo_(?:live|test)_[a-fA-F0-9]{40}"),  # shippo-api-token
    ("linear key", r"lin_(?:api|oauth)_[A-Za-z0-9]{40}"),  # linear-api-key
    ("postman key", r"PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}"),  # postman-api-token
    ("doppler token", r"dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44}"),  # doppler-api-token
    ("dynatrace token", r"dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}"),  # dynatrace-api-token
    ("vault token", r"hv[sbr]\.[A-Za-z0-9_\-]{24,}"),  # vault-service-token, -batch-token
    ("terraform token", r"[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=\-]{60,70}"),  # hashicorp-tf-api-token
    ("planetscale token", r"pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.=\-]{32,64}"),  # planetscale-*
    ("pulumi token", r"pul-[a-f0-9]{40}"),  # pulumi-api-token
    ("grafana token", r"glc_[A-Za-z0-9+/]{32,400}={0,2}"),  # grafana-cloud-api-token
    ("grafana token", r"glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}"),  # grafana-service-account-token
    ("grafana token", r"eyJrIjoi[A-Za-z0-9]{70,400}={0,2}"),  # grafana-api-key
    ("new relic key", r"NR(?:AK|JS|II|RA|AA)-[A-Za-z0-9]{19,27}"),  # new-relic-user-api-key, -browser-api-token
    ("heroku key", r"HRKU-[A-Za-z0-9_\-]{60}"),  # heroku-api-key-v2
    ("age secret key", r"AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}"),  # age-secret-key
    ("1password token", r"ops_eyJ[A-Za-z0-9+/]{100,}={0,3}"),  # 1password-service-account-token
    ("1password secret key", r"A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}"),
    ("alibaba key", r"LTAI[A-Za-z0-9]{20}"),  # alibaba-access-key-id
    ("atlassian token", r"ATATT3[A-Za-z0-9_=\-]{100,}"),  # atlassian-api-token
    ("clojars token", r"CLOJARS_[a-z0-9]{60}"),  # clojars-api-token
    ("flutterwave key", r"FLW(?:SECK|PUBK)(?:_TEST)?-[a-h0-9]{32}-X"),  # flutterwave-secret-key
    ("frameio token", r"fio-u-[A-Za-z0-9_=\-]{64}"),  # frameio-api-token
    ("infracost key", r"ico-[A-Za-z0-9]{32}"),  # infracost-api-token
    ("mapbox token", r"sk\.eyJ[A-Za-z0-9_\-]{50,}\.[A-Za-z0-9_\-]{20,}"),  # mapbox-api-token (secret)
    ("prefect key", r"pnu_[A-Za-z0-9]{36}"),  # prefect-api-token
    ("readme key", r"rdme_[a-z0-9]{70}"),  # readme-api-token
    ("typeform token", r"tfp_[A-Za-z0-9_.=\-]{59}"),  # typeform-api-token
    ("easypost key", r"EZ[AT]K[A-Za-z0-9]{54}"),  # easypost-api-token, -test-api-token
    ("duffel token", r"duffel_(?:test|live)_[A-Za-z0-9_=\-]{43}"),  # duffel-api-token
    ("flyio token", r"(?:fo1_[A-Za-z0-9_\-]{43}|fm[12][ar]?_[A-Za-z0-9+/]{100,}={0,3})"),  # flyio-access-token
    ("sentry token", r"(?:sntrys_eyJ[A-Za-z0-9+/=_\-]{80,}|sntryu_[a-f0-9]{64})"),  # sentry-*-token
    ("artifactory key", r"(?:AKCp[A-Za-z0-9]{69}|cmVmd[A-Za-z0-9]{59})"),  # artifactory-api-key, -reference-token
    ("cloudflare key", r"v1\.0-[a-f0-9]{24}-[a-f0-9]{146}"),  # cloudflare-origin-ca-key
    ("supabase key", r"sb(?:p|_secret)_[A-Za-z0-9_\-]{32,}"),  # supabase (shape from Supabase docs)
    ("telegram bot token", r"\d{8,10}:AA[A-Za-z0-9_\-]{32,33}"),  # telegram-bot-api-token
    ("jwt", r"eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"),  # jwt
    ("harness token", r"pat\.[A-Za-z0-9_\-]{22}\.[a-f0-9]{24}\.[A-Za-z0-9]{20}"),  # harness-api-key
    ("scalingo token", r"tk-us-[A-Za-z0-9_\-]{48}"),  # scalingo-api-token
    ("intra42 secret", r"s-s4t2(?:ud|af)-[a-f0-9]{64}"),  # intra42-client-secret
    ("octopus key", r"API-[A-Z0-9]{26}"),  # octopus-deploy-api-key
    ("openshift token", r"sha256~[A-Za-z0-9_\-]{43}"),  # openshift-user-token
)
_TOKENS = re.compile("|".join(f"(?P<t{i}>{_B}{p}{_E})" for i, (_k, p) in enumerate(TOKEN_SHAPES)))

# ---------------------------------------------------------------------------------------------------------
# 3. Credentials inside strings.
# scheme://user:password@host (user may be empty: redis://:pw@host) -> mask the password only.
_URL_CREDENTIALS = re.compile(
    r"(?P<pre>(?<![a-zA-Z0-9+.\-])[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s:/@'\"`]*:)(?P<secret>[^\s@/'\"`]{3,})(?=@[A-Za-z0-9\[])")
# Authorization: Basic <b64> / Bearer <token> / Token <token>, in headers, strings, curl lines.
_AUTH_HEADER = re.compile(r"(?P<pre>\b(?P<scheme>Basic|Bearer|Token|token|bearer|basic|Digest)[ \t]+)"
                          r"(?P<secret>[A-Za-z0-9._~+/\-]{8,}=*)(?![A-Za-z0-9._~+/=\-{(])")
# Connection strings and query strings: ...;Pwd=...; ?sig=...&  password=... host=...
_CONN_KEYS = (r"password|passwd|pwd|pass|accountkey|sharedaccesskey|sharedaccesssignature|sig|signature|"
              r"x-amz-signature|x-amz-security-token|client_secret|clientsecret|access_token|refresh_token|"
              r"id_token|auth_token|api_key|apikey|secret|secretkey|token|private_key|sas_token|authsource_secret")
_CONN_VALUE = re.compile(
    rf"(?P<pre>(?:(?<=[;?&\s\"'(,])|^)(?:{_CONN_KEYS})[ \t]*=[ \t]*)(?P<secret>[^;&\s'\"`<>]{{3,}})",
    re.IGNORECASE)

# Command lines and config files that put a secret after a keyword, not after `=`:
_ARGUMENT_SECRETS = (
    # curl -u user:password, --user=user:password
    re.compile(r"(?P<pre>(?:^|\s)(?:-u|--user)(?:[ \t]+|=)[\"']?[^:\s\"']+:)(?P<secret>[^\s\"']{4,})"),
    # --password X, --token=X, --api-key X (docker login, CLIs)
    re.compile(r"(?P<pre>(?:^|\s)--?(?:[a-z]+-)*(?:password|passwd|pass|token|api-key|apikey|secret|client-secret|"
               r"auth-token|access-token|private-key)(?:[ \t]+|=)[\"']?)(?P<secret>[^\s\"'$\-][^\s\"']{3,})"),
    # redis-cli -a PASSWORD
    re.compile(r"(?P<pre>\bredis-cli\b.*?[ \t]-a[ \t]+[\"']?)(?P<secret>[^\s\"']{4,})"),
    # .netrc: machine host login user password X
    re.compile(r"(?P<pre>\blogin[ \t]+\S+[ \t]+password[ \t]+)(?P<secret>\S{3,})"),
    # redis.conf and similar: requirepass X / masterauth X
    re.compile(r"(?P<pre>^[ \t]*(?:requirepass|masterauth|masterpass|rootpw|password)[ \t]+)(?P<secret>\S{4,})[ \t]*$"),
    # PowerShell: ConvertTo-SecureString "X" -AsPlainText
    re.compile(r"(?P<pre>ConvertTo-SecureString[ \t]+(?:-String[ \t]+)?[\"'])(?P<secret>[^\"']{4,})(?=[\"'])", re.IGNORECASE),
    # mysql -pPASSWORD (no space), sshpass -p PASSWORD
    re.compile(r"(?P<pre>\bmysql(?:dump|admin|import|sh)?\b.*?[ \t]-p)(?P<secret>[^\s\"']{4,})"),
    re.compile(r"(?P<pre>\bsshpass[ \t]+-p[ \t]*[\"']?)(?P<secret>[^\s\"']{4,})"),
    # login("user", "X"), HTTPBasicAuth("user", "X"): a user name, then the password
    re.compile(r"(?P<pre>\b(?:login|log_in|authenticate|auth|connect|HTTPBasicAuth|HTTPDigestAuth|BasicAuth|"
               r"set_credentials|with_credentials)\([ \t]*[\"'][^\"']*[\"'][ \t]*,[ \t]*[\"'])(?P<secret>[^\"']{4,})(?=[\"'])"),
    # requests/httpx/JIRA: auth=("user", "X")
    re.compile(r"(?P<pre>\b(?:auth|basic_auth|http_auth|credentials)[ \t]*=[ \t]*[(\[][ \t]*[\"'][^\"']*[\"'][ \t]*,"
               r"[ \t]*[\"'])(?P<secret>[^\"']{4,})(?=[\"'])"),
)
# Groovy/Gradle and similar: `keystorePassword 'X'` (a name, a space, a quoted value ending the line)
_SPACED_ASSIGNMENT = re.compile(
    r"(?P<pre>(?<![A-Za-z0-9_.\-])(?P<nq>)(?P<name>[A-Za-z_][A-Za-z0-9_.\-]*)(?P<sep>[ \t]+)(?P<q>[\"']))(?P<secret>(?:(?!(?P=q)).)+)(?P=q)[ \t;]*$")
# .NET appSettings: <add key="ApiKey" value="X" />
_KEY_VALUE_ATTRS = re.compile(r"(?P<pre>\bkey=[\"'](?P<name>[^\"']+)[\"'][ \t]+value=[\"'])(?P<secret>[^\"']{4,})(?=[\"'])",
                              re.IGNORECASE)
# <password>X</password> (Maven settings, Spring XML, Android resources)
_XML_ELEMENT = re.compile(r"(?P<pre><(?P<name>[A-Za-z_][\w.\-:]*)(?:[ \t][^>]*)?>)(?P<secret>[^<>\s][^<>]{2,}?)(?=</(?P=name)>)")

# ---------------------------------------------------------------------------------------------------------
# 4. Assignments to secret-looking names.
# (`auth` not in author/authority, `token` not in tokenizer, `pass` not in passport/passenger/passive/bypass...)
_SECRET_WORD = (r"(?<!by)(?<!com)pass(?:wd|word|phrase)?(?!port|enger|ive|through|age|ed|es|ing)|pwd|secret(?!ar)|"
                r"token(?!i[sz])|api[_\-]?key|apikey|access[_\-]?key|private[_\-]?key|"
                r"secret[_\-]?key|auth(?!or)|credentials?|creds|signature|sig(?:ning)?[_\-]?key|encryption[_\-]?key|"
                r"master[_\-]?key|session[_\-]?key|client[_\-]?secret|(?<![a-z])sas(?![a-z])|"
                r"conn(?:ection)?[_\-]?str(?:ing)?|dsn|"
                r"webhook(?:[_\-]?url)?|cookie|(?:^|(?<=[_\-.]))pat(?=$|[_\-.])")
_SECRET_NAME = re.compile(rf"(?:{_SECRET_WORD})", re.IGNORECASE)
# The name's last word says the value is about a secret, not the secret itself.
_NOT_SECRET_TAIL = re.compile(
    r"^(?:names?|file(?:name|path)?s?|paths?|dir|url|uri|endpoint|host|type|kind|field|env|var|"
    r"variable|length|len|count|size|ttl|timeout|expiry|expires?(?:_at|_in)?|at|id|ids|arn|ref|label|help|"
    r"prompt|message|msg|text|hint|placeholder|description|title|header|prefix|suffix|format|pattern|regex|"
    r"policy|provider|class|module|store|manager|backend|enabled|required|min|max|mode|version|location|"
    r"index|hash|digest|salt|rounds|algorithm|alg|method|scope|scopes|audience|issuer|usage|rotation|"
    r"generator|validator|handler|source|template|schema|limit|bits)$", re.IGNORECASE)
_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")  # the words of a name: snake, kebab, camel, CAPS
_NAME = r"[A-Za-z_][A-Za-z0-9_.\-]*"
# name = "value" / name: 'value' / "name": "value" / name := `value` (values without the quote char)
_QUOTED_ASSIGNMENT = re.compile(
    rf"(?P<pre>(?<![A-Za-z0-9_.\-])(?P<nq>[\"'`]?)(?P<name>{_NAME})[\"'`]?[ \t]*(?P<sep>=|:|:=|=>|==|\?=|<-|,)[ \t]*"
    rf"(?:(?:bytes\.fromhex|bytearray\.fromhex|(?:base64\.)?b64decode|(?:binascii\.)?unhexlify|SecretStr|"
    rf"SecretBytes|Secret|Buffer\.from|new\s+String)\([ \t]*)?[rbuRBUf]?(?P<q>\"|'|`))(?P<secret>(?:(?!(?P=q)).)+)(?P=q)")
# name = value / name: value (ini, YAML, .env, properties, TOML bare values)
_BARE_ASSIGNMENT = re.compile(
    rf"(?P<pre>(?<![A-Za-z0-9_.\-\"'])(?:export[ \t]+|set[ \t]+|SET[ \t]+)?[\"']?(?P<name>{_NAME})[\"']?"
    rf"[ \t]*(?::=|=>|=|:)[ \t]*)(?P<secret>[^\s\"'`]+)")
_CODE_VALUE = re.compile(
    r"""^(?:
        (?:None|null|nil|NULL|true|false|True|False|undefined|NaN|yes|no|on|off|~|-|\*+|x+|X+|\.\.\.|changeme|<[^>]*>)
      | \$\{?[A-Za-z_]\w*\}? | \$[({].* | %[A-Za-z_]\w*% | @[A-Za-z_][\w.]*@?   # $VAR ${VAR} $(cmd) %VAR% @var@
      | [&*][A-Za-z_][\w\-]* | ![A-Za-z][\w!]*       # YAML &anchor, *alias, !tag
      | [{\[(].* | <.*>                             # {...}, [...], (...), <placeholder>
      | [A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+  # dotted name: settings.API_KEY, self.token
      | [A-Za-z_]*[a-z_][A-Za-z_]*                  # an identifier without digits: password, get_token, newToken
      | [A-Z_]+                                     # a constant: API_KEY
      | \d{1,6}                                     # a small number: a length, a port, a count
      | \d+(?:\.\d+)*[smhd]?                        # a version or a duration
    )(?:[,;)\]}]*|[(\[].*)$""",
    re.VERBOSE)
_ANY_CALL = re.compile(r"(?<![\w.])[A-Za-z_][\w.]*\(|\$\{|\{\{|%\(|#\{|\{[A-Za-z_][\w.]*\}|\b(?:os|env|process|ENV|System)\b[.\[]")
_TEMPLATE = re.compile(r"^(?:\$\{?[A-Za-z_]\w*\}?|\$[({].*|%[A-Za-z_]\w*%|%[sd]|<[^>]*>|\{\{.*\}\}|\*+|#)$")

# detect-secrets detectors we do not use (see the module docstring).
_SKIP_PLUGINS = {"PublicIPDetector", "IPPublicDetector", "HexHighEntropyString", "KeywordDetector"}
_MIN_SECRET_LEN = 6  # shorter "secrets" are regex-group artefacts, and masking them would mangle code


@dataclass(frozen=True)
class Redacted:
    """A text with its secrets masked, and what was masked (kinds and counts only)."""

    text: str
    kinds: Mapping[str, int] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(self.kinds.values())


def redact(text: str) -> Redacted:
    """Mask secrets in `text`; the result never contains a detected secret value.

    `text` may be framed (line numbers and markers before each line): the
    frame is kept, the content behind it is what the patterns see.
    """
    counts: Counter[str] = Counter()
    out: list[str] = []
    in_key = False  # inside a private-key block that began on an earlier line
    in_public = False  # inside a certificate or public-key block: its base64 is not a secret
    for line in text.split("\n"):
        line = _sub_tokens(line, counts)  # token shapes first, on the whole line: no frame can hide one
        m = _FRAME.match(line)
        frame, content = (line[: m.end()], line[m.end():]) if m else ("", line)
        if in_key:
            end = _KEY_END.search(content)
            if end is not None:
                content = MASK.format(kind="private key") + content[end.end():]
                in_key = False
            elif _KEY_BODY.match(content) or _KEY_HEADER.match(content):
                content = MASK.format(kind="private key") if content.strip() else content
            else:
                in_key = False
        if not in_key:
            content, in_key, in_public = _line(content, counts, in_public)
        out.append(frame + content)
    return Redacted("\n".join(out), dict(counts))


def _line(content: str, counts: Counter[str], in_public: bool) -> tuple[str, bool, bool]:
    """Mask one line's content; returns (content, a private key block opens here, inside a public block)."""
    if _PUBLIC_BEGIN.search(content):
        in_public = True
    elif in_public and _PUBLIC_END.search(content):
        return content, False, False
    in_key = False
    begin = _KEY_BEGIN.search(content)
    if begin is not None:
        counts["private key"] += 1
        one = _KEY_ONE_LINE.search(content, begin.start())
        assert one is not None  # the BEGIN marker alone matches
        in_key = _KEY_END.search(content, begin.end()) is None
        content = content[: one.start()] + MASK.format(kind="private key") + content[one.end():]
    elif not in_public:
        km = _KEY_MATERIAL.match(content)
        if km is not None and _entropy(km.group("secret")) > 4.5:
            counts["private key"] += 1
            return content[: km.start("secret")] + MASK.format(kind="private key") + content[km.end("secret"):], False, False
    content = _sub(_URL_CREDENTIALS, content, counts, "password in URL")
    content = _sub(_AUTH_HEADER, content, counts, "authorization header", check=_auth_value)
    content = _sub(_CONN_VALUE, content, counts, "connection string secret", check=_conn_value)
    for pattern in _ARGUMENT_SECRETS:
        content = _sub(pattern, content, counts, "secret argument", check=_argument_value)
    content = _sub(_XML_ELEMENT, content, counts, "secret assignment", check=_xml_value)
    content = _sub(_KEY_VALUE_ATTRS, content, counts, "secret assignment", check=_xml_value)
    content = _sub(_QUOTED_ASSIGNMENT, content, counts, "secret assignment", check=_quoted_value)
    content = _sub(_SPACED_ASSIGNMENT, content, counts, "secret assignment", check=_quoted_value)
    content = _sub(_BARE_ASSIGNMENT, content, counts, "secret assignment", check=_bare_value)
    content = _detect_secrets(content, counts)
    return content, in_key, in_public


def merge(kinds: Mapping[str, int], more: Mapping[str, int]) -> dict[str, int]:
    out = Counter(kinds)
    out.update(more)
    return dict(out)


def describe(kinds: Mapping[str, int]) -> str:
    """`3 secret(s) masked (2 secret assignment, 1 private key)`; no values."""
    total = sum(kinds.values())
    detail = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    return f"{total} secret(s) masked ({detail})"


def _sub_tokens(text: str, counts: Counter[str]) -> str:
    def repl(m: "re.Match[str]") -> str:
        kind = TOKEN_SHAPES[int(str(m.lastgroup)[1:])][0]
        counts[kind] += 1
        return MASK.format(kind=kind)

    return _TOKENS.sub(repl, text) if _could_hold_token(text) else text


def _could_hold_token(text: str) -> bool:
    # Every token shape is at least 16 characters without a space; most lines of code have no such run.
    return any(len(word) >= 16 for word in text.split())


def _sub(pattern: "re.Pattern[str]", text: str, counts: Counter[str], kind: str,
         check: Optional[Callable[["re.Match[str]"], bool]] = None) -> str:
    def repl(m: "re.Match[str]") -> str:
        if _MASKED in m.group("secret") or (check is not None and not check(m)):
            return m.group(0)
        counts[kind] += 1
        return m.group("pre") + MASK.format(kind=kind) + m.group(0)[m.end("secret") - m.start(0):]

    return pattern.sub(repl, text)


def _secret_name(name: str) -> bool:
    """Whether a key's name says its value is a secret (`db_password`, `X-Api-Key`; not `secret_name`)."""
    words = _WORDS.findall(name)
    return _SECRET_NAME.search(name) is not None and not (words and _NOT_SECRET_TAIL.match(words[-1]))


def _placeholder(value: str) -> bool:
    v = value.strip()
    if len(v) < 4 or _ANY_CALL.search(v) or _TEMPLATE.match(v):
        return True
    low = v.lower()
    return (low in {"none", "null", "true", "false", "changeme", "change-me", "redacted", "password", "secret",
                    "xxxx", "****", "todo", "example", "dummy", "test", "testing", "fake", "sample", "foobar"}
            or set(low) <= set("x*._-<> ") or low.startswith(("your", "<your", "enter ", "replace")))


def _quoted_value(m: "re.Match[str]") -> bool:
    if not _secret_name(m.group("name")):
        return False
    if m.group("sep") == "," and (m.group("nq") not in ("'", '"') or _CODE_VALUE.match(m.group("secret"))):
        return False  # `f("API_TOKEN", "x")` names its value; `{"a": token, "token_type": ...}` and prose lists do not
    value = m.group("secret")
    if _placeholder(value):
        return False
    if m.string[m.end():].lstrip().startswith(("+", ".", "%")):
        return False  # `"Bearer " + token`, `"...".format(x)`: a piece of a built string
    if " " in value:
        # Prose in a quoted string ("Enter your password: ") is not a secret; a passphrase is 3-8 plain words.
        words = value.split(" ")
        return 3 <= len(words) <= 8 and all(w.isalnum() for w in words)
    return not value.startswith(("http://", "https://", "/", "./", "~/"))  # a location, not a value


def _bare_value(m: "re.Match[str]") -> bool:
    if not _secret_name(m.group("name")):
        return False
    value = m.group("secret").rstrip(",;")
    if _placeholder(value) or _CODE_VALUE.match(value) or value.startswith(("http://", "https://", "/", "./")):
        return False
    if re.search(r"\S=$", m.group("pre")):
        return True  # NAME=value, no spaces: a shell or .env assignment, complete at the first space
    rest = m.string[m.end("secret"):].lstrip()
    # `password = hunter2 + salt` or `token == other` is code; a config value ends the line (or a comment).
    return not rest or rest.startswith(("#", ";", "//", ",", "}", "]", ")")) or m.group("pre").rstrip().endswith(":")


def _argument_value(m: "re.Match[str]") -> bool:
    value = m.group("secret").rstrip(",;)")
    # A command line has no identifiers: only a variable, a template or a METAVAR is not a value.
    return not _placeholder(value) and not re.fullmatch(r"[A-Z_]+|[{\[(<].*", value)


def _xml_value(m: "re.Match[str]") -> bool:
    return _secret_name(m.group("name").split(":")[-1]) and not _placeholder(m.group("secret"))


def _conn_value(m: "re.Match[str]") -> bool:
    value = m.group("secret")
    if _placeholder(value) or _CODE_VALUE.fullmatch(value) and not re.search(r"\d", value):
        return False
    name = m.group("pre").split("=")[0].strip().lower()
    before = m.string[: m.start()]
    if name in ("sig", "signature", "token", "secret", "pass"):
        # Short generic names count only inside a query or connection string, where `&`/`;`/`?` precede them.
        return before.rstrip().endswith(("&", ";", "?")) or ";" in m.string or "&" in m.string
    return True


def _auth_value(m: "re.Match[str]") -> bool:
    value = m.group("secret")
    if m.group("scheme").lower() == "basic":
        try:
            decoded = base64.b64decode(value + "=" * (-len(value) % 4), validate=True)
        except (binascii.Error, ValueError):
            return False
        return b":" in decoded
    return len(value) >= 12 and any(c.isdigit() for c in value) and _entropy(value) > 3.0


def _entropy(value: str) -> float:
    counts = Counter(value)
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values()) if value else 0.0


def _detect_secrets(line: str, counts: Counter[str]) -> str:
    if not line.strip():
        return line
    for kind, find in _detectors():
        for value in find(line):
            if len(value) < _MIN_SECRET_LEN or _MASKED in value or value not in line:
                continue
            counts[kind] += line.count(value)
            line = line.replace(value, MASK.format(kind=kind))
    return line


_DETECTORS: Optional[list[tuple[str, Callable[[str], Iterator[str]]]]] = None


def _detectors() -> list[tuple[str, Callable[[str], Iterator[str]]]]:
    """detect-secrets' plugins as (kind, line -> secret values); [] without the library."""
    global _DETECTORS
    if _DETECTORS is not None:
        return _DETECTORS
    try:
        from detect_secrets.plugins.base import RegexBasedDetector
        from detect_secrets.settings import default_settings, get_plugins
    except ImportError:  # the `cloud` extra is not installed: our own patterns still apply
        _DETECTORS = []
        return _DETECTORS
    found: list[tuple[str, Callable[[str], Iterator[str]]]] = []
    with default_settings():
        plugins: list[Any] = list(get_plugins())
    for plugin in plugins:
        name = type(plugin).__name__
        if name in _SKIP_PLUGINS:
            continue
        kind = str(getattr(plugin, "secret_type", name)).lower()
        if isinstance(plugin, RegexBasedDetector):
            # Whole matches: the plugins' analyze_string returns regex groups, which may be a prefix only.
            found.append((kind, _regex_finder(list(plugin.denylist))))
        else:
            found.append((kind, _plugin_finder(plugin)))
    _DETECTORS = found
    return found


def _regex_finder(patterns: list["re.Pattern[str]"]) -> Callable[[str], Iterator[str]]:
    def find(line: str) -> Iterator[str]:
        for pattern in patterns:
            for m in pattern.finditer(line):
                yield m.group(0)

    return find


def _plugin_finder(plugin: Any) -> Callable[[str], Iterator[str]]:
    def find(line: str) -> Iterator[str]:
        try:
            values = list(plugin.analyze_string(line))
        except Exception:  # noqa: BLE001 - a detector bug must not stop redaction by the others
            return
        # High-entropy plugins yield every quoted string of their charset from analyze_string and apply
        # their entropy limit only in analyze_line; without this filter "confirm" or "message" is a secret.
        limit = getattr(plugin, "entropy_limit", None)
        for value in values:
            if not isinstance(value, str):
                continue
            if limit is not None and plugin.calculate_shannon_entropy(value) <= limit:
                continue
            yield value

    return find
