use super::*;

/// A small file in the official layout: a service with documents below it.
const OFFICIAL: &str = r#"
openapi: 3.0.1
servers:
- url: https://sync.twilio.com
components:
  schemas:
    sync.v1.service:
      type: object
      properties:
        sid: {type: string, pattern: '^IS[0-9a-fA-F]{32}$', nullable: true, description: Prose we do not copy.}
        friendly_name: {type: string, nullable: true}
        date_created: {type: string, format: date-time, nullable: true}
        links: {type: object, format: uri-map, nullable: true}
    sync.v1.service.document:
      type: object
      properties:
        sid: {type: string, pattern: '^ET[0-9a-fA-F]{32}$'}
        data: {nullable: true, x-twilio: {pii: {handling: sensitive}}}
        status: {$ref: '#/components/schemas/document_enum_status'}
    document_enum_status: {type: string, enum: [open, "true", closed]}
paths:
  /v1/Services:
    x-twilio: {pathType: list}
    post:
      operationId: CreateService
      description: Prose we do not copy.
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [FriendlyName]
              properties:
                FriendlyName: {type: string, description: Prose.}
                WebhookUrl: {type: string, format: uri}
                Secret: {type: string, x-twilio: {pii: {handling: sensitive}}}
      responses:
        '201':
          content:
            application/json:
              schema: {$ref: '#/components/schemas/sync.v1.service'}
    get:
      operationId: ListService
      parameters:
      - {name: PageSize, in: query, schema: {type: integer, maximum: 100}}
      - {name: PageToken, in: query, schema: {type: string}}
      responses:
        '200':
          content:
            application/json:
              schema:
                type: object
                properties:
                  services: {type: array, items: {$ref: '#/components/schemas/sync.v1.service'}}
                  meta: {type: object}
  /v1/Services/{Sid}:
    x-twilio: {pathType: instance}
    get:
      operationId: FetchService
      responses:
        '200': {content: {application/json: {schema: {$ref: '#/components/schemas/sync.v1.service'}}}}
    delete:
      operationId: DeleteService
      responses:
        '204': {description: gone}
  /v1/Services/{ServiceSid}/Documents/{Sid}:
    x-twilio: {pathType: instance, parent: '/Services/{Sid}'}
    post:
      operationId: UpdateDocument
      parameters:
      - {name: If-Match, in: header, schema: {type: string}}
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                Status: {type: string, enum: [open, closed]}
                Tags: {type: array, items: {type: string}}
      x-twilio:
        conditional:
        - [Status, Tags]
      responses:
        '200': {content: {application/json: {schema: {$ref: '#/components/schemas/sync.v1.service.document'}}}}
    patch:
      operationId: PatchDocument
      responses:
        '200': {content: {application/json: {schema: {$ref: '#/components/schemas/sync.v1.service.document'}}}}
"#;

#[test]
fn imports_structure_and_facts_but_no_prose() {
    let imported = import("twilio_sync_v1.yaml", OFFICIAL).unwrap();
    assert_eq!((imported.product.as_str(), imported.version.as_str()), ("sync", "v1"));
    assert_eq!(imported.operations, 6);
    let expected = r#"# yaml-language-server: $schema=../schema.json
# Imported by `cargo xtask import-openapi` from twilio_sync_v1.yaml: structure and facts only.
product: sync
version: v1
host: sync.twilio.com
base_path: /v1
paging: meta
enums:
  document_status: [open, "true", closed]
  document_status_2: [open, closed]
resources:
  service:
    plural: services
    sid_prefix: IS
    list_path: /Services
    instance_path: /Services/{Sid}
    fields:
      sid: sid<IS>
      friendly_name: string
      date_created: date-time
      links: string-map
    methods:
      create:
        params:
          FriendlyName: {type: string, required: true}
          WebhookUrl: uri
          Secret: {type: string, sensitive: true}
      list:
        page_size_max: 100
        records_key: services
      fetch: {}
      delete: {}
    resources:
      document:
        plural: documents
        sid_prefix: ET
        instance_path: /Services/{ServiceSid}/Documents/{Sid}
        fields:
          sid: sid<ET>
          data: {type: json, sensitive: true}
          status: enum<document_status>
        methods:
          update:
            params:
              If-Match: {type: string, in: header}
              Status: enum<document_status_2>
              Tags: list<string>
            groups:
              - {name: status_or_tags, params: [Status, Tags]}
          patch:
            http: PATCH
            path: instance
"#;
    assert_eq!(imported.yaml, expected);
    let product = crate::load_str("spec/sync/v1.yaml", &imported.yaml).unwrap_or_else(|d| panic!("{d:?}"));
    assert_eq!(product.resources[1].rust, "Document");
    assert!(!imported.yaml.contains("Prose"));
    // A PATCH beside the update changes part of the instance: a custom action `patch`.
    assert!(imported.left_out.is_empty(), "{:?}", imported.left_out);
}

#[test]
fn names_and_quoting_read_back() {
    assert_eq!(
        product_and_version("x/twilio_ip_messaging_v2.yaml"),
        Some(("ip_messaging".into(), "v2".into()))
    );
    assert_eq!(product_and_version("sync.yaml"), None);
    assert_eq!(enum_name("call_enum_status"), "call_status");
    assert_eq!(
        normalize("/Services/{ServiceSid}/Documents/{Sid}"),
        "/Services/{}/Documents/{}"
    );
}

#[test]
fn non_string_path_parameters_get_their_type() {
    let official = r#"
servers: [{url: https://sync.twilio.com}]
components:
  schemas:
    sync.v1.list:
      properties: {sid: {type: string}}
    sync.v1.list.item:
      properties: {index: {type: integer}}
paths:
  /v1/Lists/{Sid}:
    x-twilio: {pathType: instance}
    get:
      operationId: FetchList
      responses: {'200': {content: {application/json: {schema: {$ref: '#/components/schemas/sync.v1.list'}}}}}
  /v1/Lists/{ListSid}/Items/{Index}:
    x-twilio: {pathType: instance, parent: '/Lists/{Sid}'}
    get:
      operationId: FetchItem
      parameters:
      - {name: ListSid, in: path, required: true, schema: {type: string}}
      - {name: Index, in: path, required: true, schema: {type: integer}}
      responses: {'200': {content: {application/json: {schema: {$ref: '#/components/schemas/sync.v1.list.item'}}}}}
"#;
    let imported = import("twilio_sync_v1.yaml", official).unwrap();
    assert!(
        imported
            .yaml
            .contains("        path_params:\n          Index: integer\n"),
        "{}",
        imported.yaml
    );
    let product = crate::load_str("spec/sync/v1.yaml", &imported.yaml).unwrap_or_else(|d| panic!("{d:?}"));
    let item = &product.resources[1];
    assert_eq!(item.own.as_ref().map(|o| &o.ty), Some(&crate::model::Ty::Integer));
    assert_eq!(item.bound[0].ty, crate::model::Ty::String);
}

#[test]
fn a_parent_given_as_a_list_path_puts_the_child_below_the_collection() {
    let official = r#"
servers: [{url: https://api.twilio.com}]
components:
  schemas:
    api.v1.number:
      properties: {sid: {type: string}}
    api.v1.number.local:
      properties: {phone_number: {type: string, format: phone-number}}
paths:
  /v1/Numbers:
    x-twilio: {pathType: list}
    get:
      operationId: ListNumber
      responses: {'200': {content: {application/json: {schema: {properties: {numbers: {type: array, items: {$ref: '#/components/schemas/api.v1.number'}}, meta: {type: object}}}}}}}
  /v1/Numbers/Local:
    x-twilio: {pathType: list, parent: /Numbers}
    get:
      operationId: ListLocal
      responses: {'200': {content: {application/json: {schema: {properties: {local: {type: array, items: {$ref: '#/components/schemas/api.v1.number.local'}}, meta: {type: object}}}}}}}
"#;
    let imported = import("twilio_api_v1.yaml", official).unwrap();
    let product =
        crate::load_str("spec/api/v1.yaml", &imported.yaml).unwrap_or_else(|d| panic!("{d:?}\n{}", imported.yaml));
    let local = &product.resources[1];
    assert_eq!(
        (local.name.as_str(), local.parent, local.on_collection),
        ("local", Some(0), true)
    );
}

#[test]
fn an_enum_named_like_a_resource_gets_another_name() {
    let official = r#"
servers: [{url: https://serverless.twilio.com}]
components:
  schemas:
    serverless.v1.build:
      properties: {status: {$ref: '#/components/schemas/build_enum_status'}}
    serverless.v1.build.build_status:
      properties: {sid: {type: string}}
    build_enum_status: {type: string, enum: [building, completed]}
paths:
  /v1/Builds/{Sid}:
    x-twilio: {pathType: instance}
    get:
      operationId: FetchBuild
      responses: {'200': {content: {application/json: {schema: {$ref: '#/components/schemas/serverless.v1.build'}}}}}
  /v1/Builds/{Sid}/Status:
    x-twilio: {pathType: instance, parent: '/Builds/{Sid}'}
    get:
      operationId: FetchBuildStatus
      responses: {'200': {content: {application/json: {schema: {$ref: '#/components/schemas/serverless.v1.build.build_status'}}}}}
"#;
    let imported = import("twilio_serverless_v1.yaml", official).unwrap();
    assert!(
        imported.yaml.contains("  build_status_value: [building, completed]\n"),
        "{}",
        imported.yaml
    );
    assert!(
        imported.yaml.contains("status: enum<build_status_value>"),
        "{}",
        imported.yaml
    );
    crate::load_str("spec/serverless/v1.yaml", &imported.yaml).unwrap_or_else(|d| panic!("{d:?}\n{}", imported.yaml));
}

/// A small account-scoped file: keys created with a secret, listed without it; SIP domains
/// grouped under a path without operations; an update that moves a record to another account.
const KEYS_AND_GROUPS: &str = r#"
servers: [{url: https://api.twilio.com}]
components:
  schemas:
    api.v1.account:
      properties: {sid: {type: string, pattern: '^AC[0-9a-fA-F]{32}$'}}
    api.v1.account.key:
      properties: {sid: {type: string, pattern: '^SK[0-9a-fA-F]{32}$'}, friendly_name: {type: string}}
    api.v1.account.new_key:
      properties:
        sid: {type: string, pattern: '^SK[0-9a-fA-F]{32}$'}
        secret: {type: string, x-twilio: {pii: {handling: sensitive}}}
    api.v1.account.sip.domain:
      properties: {sid: {type: string, pattern: '^SD[0-9a-fA-F]{32}$'}}
paths:
  /v1/Accounts/{Sid}.json:
    x-twilio: {pathType: instance}
    get:
      operationId: FetchAccount
      responses: {'200': {content: {application/json: {schema: {$ref: '#/components/schemas/api.v1.account'}}}}}
  /v1/Accounts/{AccountSid}/Keys.json:
    x-twilio: {pathType: list, parent: '/Accounts/{Sid}.json'}
    post:
      operationId: CreateNewKey
      responses: {'201': {content: {application/json: {schema: {$ref: '#/components/schemas/api.v1.account.new_key'}}}}}
    get:
      operationId: ListKey
      responses: {'200': {content: {application/json: {schema: {properties: {keys: {type: array, items: {$ref: '#/components/schemas/api.v1.account.key'}}}}}}}}
  /v1/Accounts/{AccountSid}/Keys/{Sid}.json:
    x-twilio: {pathType: instance, parent: '/Accounts/{Sid}.json'}
    get:
      operationId: FetchKey
      responses: {'200': {content: {application/json: {schema: {$ref: '#/components/schemas/api.v1.account.key'}}}}}
    post:
      operationId: UpdateKey
      parameters:
      - {name: AccountSid, in: path, required: true, schema: {type: string}}
      - {name: Sid, in: path, required: true, schema: {type: string}}
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {properties: {AccountSid: {type: string, pattern: '^AC[0-9a-fA-F]{32}$'}}}
      responses: {'200': {content: {application/json: {schema: {$ref: '#/components/schemas/api.v1.account.key'}}}}}
  /v1/Accounts/{AccountSid}/SIP.json:
    x-twilio: {pathType: list, parent: '/Accounts/{Sid}.json'}
  /v1/Accounts/{AccountSid}/SIP/Domains.json:
    x-twilio: {pathType: list, parent: '/Accounts/{AccountSid}/SIP.json'}
    get:
      operationId: ListSipDomain
      responses: {'200': {content: {application/json: {schema: {properties: {domains: {type: array, items: {$ref: '#/components/schemas/api.v1.account.sip.domain'}}}}}}}}
"#;

#[test]
fn a_list_and_its_instance_returning_different_models_are_one_resource_with_all_fields() {
    let imported = import("twilio_api_v1.yaml", KEYS_AND_GROUPS).unwrap();
    let product =
        crate::load_str("spec/api/v1.yaml", &imported.yaml).unwrap_or_else(|d| panic!("{d:?}\n{}", imported.yaml));
    let key = product
        .resources
        .iter()
        .find(|r| r.name == "key")
        .unwrap_or_else(|| panic!("{}", imported.yaml));
    let methods: Vec<&str> = key.methods.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(methods, ["create", "list", "fetch", "update"]);
    let fields: Vec<&str> = key.fields.iter().map(|f| f.wire.as_str()).collect();
    assert_eq!(fields, ["sid", "friendly_name", "secret"]);
    assert!(
        imported.yaml.contains("secret: {type: string, sensitive: true}"),
        "{}",
        imported.yaml
    );
    assert!(!product.resources.iter().any(|r| r.name == "new_key"));
}

#[test]
fn a_path_without_operations_groups_the_resources_below_it() {
    let imported = import("twilio_api_v1.yaml", KEYS_AND_GROUPS).unwrap();
    let product = crate::load_str("spec/api/v1.yaml", &imported.yaml).unwrap();
    let index = |name: &str| product.resources.iter().position(|r| r.name == name).unwrap();
    let (account, sip, domain) = (index("account"), index("sip"), index("domain"));
    assert_eq!(product.resources[sip].parent, Some(account));
    assert!(product.resources[sip].methods.is_empty() && product.resources[sip].fields.is_empty());
    assert_eq!(product.resources[domain].parent, Some(sip));
    assert!(product.resources[domain].on_collection, "account(sid).sip().domains()");
}

#[test]
fn a_body_parameter_named_like_a_path_parameter_gets_a_new_rust_name() {
    let imported = import("twilio_api_v1.yaml", KEYS_AND_GROUPS).unwrap();
    assert!(
        imported
            .yaml
            .contains("AccountSid: {type: sid<AC>, rust_name: new_account_sid}"),
        "{}",
        imported.yaml
    );
}

/// The shapes of Twilio's newer files: no `x-twilio.pathType`, and resources whose parents the
/// file does not describe (Chat v3's channels below a service it has no operations for).
const NEWER_SHAPES: &str = r#"
servers: [{url: https://knowledge.twilio.com}]
components:
  schemas:
    knowledge.v1.knowledge:
      properties: {id: {type: string}, date_created: {type: string, format: date-time}}
    knowledge.v1.knowledge.chunk:
      properties: {content: {type: string}}
    knowledge.v1.service.channel:
      properties: {sid: {type: string}}
paths:
  /v1/Knowledge:
    get:
      operationId: ListKnowledge
      responses: {'200': {content: {application/json: {schema: {properties: {knowledge: {type: array, items: {$ref: '#/components/schemas/knowledge.v1.knowledge'}}}}}}}}
  /v1/Knowledge/{id}:
    get:
      operationId: FetchKnowledge
      responses: {'200': {content: {application/json: {schema: {$ref: '#/components/schemas/knowledge.v1.knowledge'}}}}}
  /v1/Knowledge/{id}/Chunks:
    x-twilio: {pathType: list, parent: '/Knowledge/{id}'}
    get:
      operationId: ListChunks
      responses: {'200': {content: {application/json: {schema: {properties: {chunks: {type: array, items: {$ref: '#/components/schemas/knowledge.v1.knowledge.chunk'}}}}}}}}
  /v1/Services/{ServiceSid}/Channels/{Sid}:
    x-twilio: {pathType: instance}
    post:
      operationId: UpdateChannel
      parameters:
      - {name: ServiceSid, in: path, required: true, schema: {type: string, pattern: '^IS[0-9a-fA-F]{32}$'}}
      - {name: Sid, in: path, required: true, schema: {type: string}}
      responses: {'200': {content: {application/json: {schema: {$ref: '#/components/schemas/knowledge.v1.service.channel'}}}}}
"#;

#[test]
fn a_path_without_a_path_type_is_a_list_when_an_instance_path_is_below_it() {
    let imported = import("twilio_knowledge_v1.yaml", NEWER_SHAPES).unwrap();
    let product = crate::load_str("spec/knowledge/v1.yaml", &imported.yaml)
        .unwrap_or_else(|d| panic!("{d:?}\n{}", imported.yaml));
    let knowledge = product.resources.iter().find(|r| r.name == "knowledge").unwrap();
    let methods: Vec<&str> = knowledge.methods.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(methods, ["list", "fetch"]);
    // One word for both accessors: the collection's gets `_list`, like its type.
    assert_eq!(
        (knowledge.plural.as_str(), knowledge.singular.as_str()),
        ("knowledge_list", "knowledge")
    );
}

#[test]
fn parameters_before_a_resource_without_parent_get_a_group_for_them() {
    let imported = import("twilio_knowledge_v1.yaml", NEWER_SHAPES).unwrap();
    assert!(
        imported.yaml.contains(
            "  service:\n    plural: services\n    sid_prefix: IS\n    instance_path: /Services/{ServiceSid}\n"
        ),
        "{}",
        imported.yaml
    );
    let product = crate::load_str("spec/knowledge/v1.yaml", &imported.yaml).unwrap();
    let service = product.resources.iter().position(|r| r.name == "service").unwrap();
    let channel = product.resources.iter().find(|r| r.name == "channel").unwrap();
    assert_eq!(channel.parent, Some(service), "service(service_sid).channels()");
    assert!(!product.resources[service].has_collection(&product.resources));
}

#[test]
fn iso_dates_in_a_file_of_rfc_2822_dates_say_so() {
    let official = NEWER_SHAPES.replace(
        "date_created: {type: string, format: date-time}",
        "date_created: {type: string, format: date-time}, date_updated: {type: string, format: date-time-rfc-2822}",
    );
    let imported = import("twilio_knowledge_v1.yaml", &official).unwrap();
    assert!(
        imported
            .yaml
            .contains("date_created: {type: date-time, dates: iso8601}"),
        "{}",
        imported.yaml
    );
    assert!(imported.yaml.contains("date_updated: date-time\n"), "{}", imported.yaml);
}

#[test]
fn a_one_of_model_has_the_fields_of_every_alternative_and_an_authorization_header_is_secret() {
    let official = r#"
servers: [{url: https://flex-api.twilio.com}]
components:
  schemas:
    flex.v1.campaign_response:
      oneOf: [{$ref: '#/components/schemas/flex.v1.campaign'}, {$ref: '#/components/schemas/flex.v1.campaign_v2'}]
    flex.v1.campaign: {properties: {sid: {type: string}, description: {type: string}}}
    flex.v1.campaign_v2: {properties: {sid: {type: string}, flow: {type: string}}}
paths:
  /v1/Campaigns/{Sid}:
    x-twilio: {pathType: instance}
    get:
      operationId: FetchCampaign
      parameters:
      - {name: Authorization, in: header, schema: {type: string}}
      responses: {'200': {content: {application/json: {schema: {$ref: '#/components/schemas/flex.v1.campaign_response'}}}}}
"#;
    let imported = import("twilio_flex_v1.yaml", official).unwrap();
    assert!(
        imported
            .yaml
            .contains("      sid: string\n      description: string\n      flow: string\n"),
        "{}",
        imported.yaml
    );
    assert!(
        imported
            .yaml
            .contains("Authorization: {type: string, in: header, sensitive: true}"),
        "{}",
        imported.yaml
    );
    crate::load_str("spec/flex/v1.yaml", &imported.yaml).unwrap();
}

#[test]
fn a_literal_end_after_two_parameters_is_a_singleton_of_the_instance_before_it() {
    let official = r#"
servers: [{url: https://flex-api.twilio.com}]
components:
  schemas:
    flex.v1.plugin_version: {properties: {sid: {type: string}}}
    flex.v1.plugin_version_archive: {properties: {sid: {type: string}, archived: {type: boolean}}}
paths:
  /v1/Plugins/{PluginSid}/Versions/{Sid}:
    x-twilio: {pathType: instance}
    get:
      operationId: FetchPluginVersion
      responses: {'200': {content: {application/json: {schema: {$ref: '#/components/schemas/flex.v1.plugin_version'}}}}}
  /v1/Plugins/{PluginSid}/Versions/{Sid}/Archive:
    x-twilio: {pathType: instance}
    post:
      operationId: UpdatePluginVersionArchive
      responses: {'200': {content: {application/json: {schema: {$ref: '#/components/schemas/flex.v1.plugin_version_archive'}}}}}
"#;
    let imported = import("twilio_flex_v1.yaml", official).unwrap();
    let product =
        crate::load_str("spec/flex/v1.yaml", &imported.yaml).unwrap_or_else(|d| panic!("{d:?}\n{}", imported.yaml));
    let index = |name: &str| product.resources.iter().position(|r| r.name == name).unwrap();
    let archive = &product.resources[index("plugin_version_archive")];
    assert_eq!(archive.parent, Some(index("plugin_version")));
    assert!(
        archive.own.is_none(),
        "a singleton: plugin_version(sid).plugin_version_archive()"
    );
}

/// Shapes of the Numbers and Intelligence files: a list whose instances only sub-resources
/// name, a page-number list, SIDs known only from the paths below, a comma list of SIDs.
const NUMBERS_SHAPES: &str = r#"
servers: [{url: https://numbers.twilio.com}]
components:
  schemas:
    numbers.v1.registration: {properties: {id: {type: string}}}
    numbers.v1.registration.session: {properties: {id: {type: string}}}
    numbers.v1.service: {properties: {friendly_name: {type: string}}}
    numbers.v1.service.operator: {properties: {service_sid: {type: string}}}
    numbers.v1.service.encrypted: {properties: {location: {type: string}}}
    numbers.v1.application: {properties: {sid: {type: string}}}
    ApplicationPage:
      properties:
        total_pages: {type: integer}
        results: {type: array, items: {$ref: '#/components/schemas/numbers.v1.application'}}
paths:
  /v1/Registrations:
    x-twilio: {pathType: list}
    post:
      operationId: CreateRegistration
      parameters:
      - {name: BundleSids, in: query, schema: {type: string, pattern: '^BU[0-9a-fA-F]{32}(,BU[0-9a-fA-F]{32}){0,19}$'}}
      responses: {'201': {content: {application/json: {schema: {$ref: '#/components/schemas/numbers.v1.registration'}}}}}
  /v1/Registrations/{BundleSid}/Sessions:
    x-twilio: {pathType: list}
    post:
      operationId: CreateSession
      responses: {'201': {content: {application/json: {schema: {$ref: '#/components/schemas/numbers.v1.registration.session'}}}}}
  /v1/Services:
    x-twilio: {pathType: list}
    get:
      operationId: ListService
      responses: {'200': {content: {application/json: {schema: {properties: {services: {type: array, items: {$ref: '#/components/schemas/numbers.v1.service'}}}}}}}}
  /v1/Services/{Sid}:
    x-twilio: {pathType: instance}
    get:
      operationId: FetchService
      responses: {'200': {content: {application/json: {schema: {$ref: '#/components/schemas/numbers.v1.service'}}}}}
  /v1/Services/{ServiceSid}/Operators/{OperatorSid}:
    x-twilio: {pathType: instance, parent: '/Services/{Sid}'}
    get:
      operationId: FetchOperator
      parameters:
      - {name: ServiceSid, in: path, required: true, schema: {type: string, pattern: '^GA[0-9a-fA-F]{32}$'}}
      responses: {'200': {content: {application/json: {schema: {$ref: '#/components/schemas/numbers.v1.service.operator'}}}}}
  /v1/Services/{ServiceSid}/Operators:
    x-twilio: {pathType: list, parent: '/Services/{Sid}'}
    get:
      operationId: ListOperator
      responses: {'200': {content: {application/json: {schema: {properties: {operators: {type: array, items: {$ref: '#/components/schemas/numbers.v1.service.operator'}}}}}}}}
  /v1/Services/{ServiceSid}/Operators/Encrypted:
    x-twilio: {pathType: instance, parent: '/Services/{Sid}'}
    get:
      operationId: FetchEncrypted
      responses: {'200': {content: {application/json: {schema: {$ref: '#/components/schemas/numbers.v1.service.encrypted'}}}}}
  /v1/Applications:
    x-twilio: {pathType: list}
    get:
      operationId: ListApplication
      responses: {'200': {content: {application/json: {schema: {$ref: '#/components/schemas/ApplicationPage'}}}}}
    post:
      operationId: CreateApplication
      responses: {'201': {content: {application/json: {schema: {$ref: '#/components/schemas/numbers.v1.application'}}}}}
"#;

#[test]
fn numbers_and_intelligence_shapes_import() {
    let imported = import("twilio_numbers_v1.yaml", NUMBERS_SHAPES).unwrap();
    let product =
        crate::load_str("spec/numbers/v1.yaml", &imported.yaml).unwrap_or_else(|d| panic!("{d:?}\n{}", imported.yaml));
    let index = |name: &str| {
        product
            .resources
            .iter()
            .position(|r| r.name == name)
            .unwrap_or_else(|| panic!("{name}\n{}", imported.yaml))
    };
    // `/Registrations/{BundleSid}` is named only by the sessions below it.
    let registration = &product.resources[index("registration")];
    assert_eq!(registration.own.as_ref().map(|o| o.wire.as_str()), Some("BundleSid"));
    assert_eq!(product.resources[index("session")].parent, Some(index("registration")));
    assert!(
        imported.yaml.contains("BundleSids: {type: sid<BU>, in: query}"),
        "{}",
        imported.yaml
    );
    // The service's SID prefix comes from the operator paths; a literal end is not its instance.
    assert!(
        imported
            .yaml
            .contains("  service:\n    plural: services\n    sid_prefix: GA\n"),
        "{}",
        imported.yaml
    );
    let operator = &product.resources[index("operator")];
    assert_eq!(operator.methods.len(), 2, "{}", imported.yaml);
    assert_eq!(product.resources[index("encrypted")].parent, Some(index("service")));
    // A page-number list reads numbered pages; its model is the application's.
    let application = &product.resources[index("application")];
    let list = application.methods.iter().find(|m| m.name == "list").expect("a list");
    assert_eq!(list.paging, Some(crate::model::Paging::Pages), "{}", imported.yaml);
    assert_eq!(list.records_key, "results");
    assert_eq!(application.methods.len(), 2);
}

#[test]
fn a_file_without_a_version_gives_one_spec_per_first_path_segment() {
    let official = r#"
servers: [{url: https://preview.twilio.com}]
components:
  schemas:
    preview.hosted_numbers.order: {properties: {sid: {type: string}}}
    preview.wireless.sim: {properties: {sid: {type: string}}}
paths:
  /HostedNumbers/Orders/{Sid}:
    x-twilio: {pathType: instance}
    get:
      operationId: FetchOrder
      responses: {'200': {content: {application/json: {schema: {$ref: '#/components/schemas/preview.hosted_numbers.order'}}}}}
  /wireless/Sims/{Sid}:
    x-twilio: {pathType: instance}
    get:
      operationId: FetchSim
      responses: {'200': {content: {application/json: {schema: {$ref: '#/components/schemas/preview.wireless.sim'}}}}}
"#;
    let imports = import_file("twilio_preview.yaml", official).unwrap();
    let names: Vec<(&str, &str, usize)> = imports
        .iter()
        .map(|i| (i.product.as_str(), i.version.as_str(), i.operations))
        .collect();
    assert_eq!(names, [("preview", "hosted_numbers", 1), ("preview", "wireless", 1)]);
    assert!(imports[0].yaml.contains("version: hosted_numbers\nofficial_file: twilio_preview.yaml\nhost: preview.twilio.com\nbase_path: /HostedNumbers\n"), "{}", imports[0].yaml);
    let product = crate::load_str("spec/preview/wireless.yaml", &imports[1].yaml).unwrap();
    assert_eq!(product.official_file, "twilio_preview.yaml");
    assert!(import_file("twilio_Preview.yaml", official).is_err());
}

#[test]
fn parameters_named_like_credentials_are_sensitive_whatever_the_file_says() {
    for (wire, secret) in [
        ("ClientSecret", true),
        ("SipAuthPassword", true),
        ("Authorization", true),
        ("Secret", true),
        ("SecretKey", false),
        ("FriendlyName", false),
    ] {
        assert_eq!(names_a_secret(wire), secret, "{wire}");
    }
}

/// Assistants' shapes: no `pathType`, a model shared by two mount names, attachments that
/// answer nothing, `_with_` model names, `aia_` identifiers, a JSON member whose members are
/// required.
const ASSISTANTS_SHAPES: &str = r#"
servers: [{url: https://assistants.twilio.com}]
components:
  schemas:
    assistants.v1.service.assistant_with_tools:
      properties:
        id: {type: string, pattern: '^aia_asst_.+$'}
    assistants.v1.service.tool:
      properties:
        id: {type: string, pattern: '^aia_tool_.+$'}
    assistants.v1.service.policy:
      properties:
        id: {type: string}
    assistants.v1.service.settings:
      type: object
      required: [enabled]
      properties:
        enabled: {type: boolean}
    assistants.v1.service.create_tool_request:
      type: object
      properties:
        name: {type: string}
        settings: {$ref: '#/components/schemas/assistants.v1.service.settings'}
        parts:
          type: array
          items:
            type: object
            required: [sid]
            properties:
              sid: {type: string}
              kind: {type: string, enum: [a, b]}
              submitted: {type: boolean, readOnly: true}
              secret: {type: string}
paths:
  /v1/Assistants/{id}:
    get:
      operationId: FetchAssistant
      responses: {'200': {content: {application/json: {schema: {$ref: '#/components/schemas/assistants.v1.service.assistant_with_tools'}}}}}
  /v1/Assistants/{assistantId}/Tools:
    x-twilio: {parent: '/Assistants/{id}', mountName: assistants_tools, pathType: list}
    get:
      operationId: ListToolsByAssistant
      parameters: [{name: PageSize, in: query, schema: {type: integer}}]
      responses:
        '200':
          content:
            application/json:
              schema:
                properties:
                  tools: {type: array, items: {$ref: '#/components/schemas/assistants.v1.service.tool'}}
                  meta: {type: object}
  /v1/Assistants/{assistantId}/Tools/{id}:
    x-twilio: {parent: '/Assistants/{id}', mountName: assistants_tools, pathType: instance}
    post:
      operationId: CreateAssistantToolAttachment
      responses: {'204': {description: attached}}
    delete:
      operationId: DeleteAssistantToolAttachment
      responses: {'204': {description: detached}}
  /v1/Tools:
    get:
      operationId: ListTools
      parameters:
      - {name: AssistantId, in: query, schema: {type: string, pattern: '^aia_asst_.+$'}}
      - {name: PageSize, in: query, schema: {type: integer}}
      responses:
        '200':
          content:
            application/json:
              schema:
                properties:
                  tools: {type: array, items: {$ref: '#/components/schemas/assistants.v1.service.tool'}}
                  meta: {type: object}
    post:
      operationId: CreateTool
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/assistants.v1.service.create_tool_request'}
      responses: {'201': {content: {application/json: {schema: {$ref: '#/components/schemas/assistants.v1.service.tool'}}}}}
  /v1/Policies:
    get:
      operationId: ListPolicies
      parameters: [{name: PageSize, in: query, schema: {type: integer}}]
      responses:
        '200':
          content:
            application/json:
              schema:
                properties:
                  policies: {type: array, items: {$ref: '#/components/schemas/assistants.v1.service.policy'}}
                  meta: {type: object}
"#;

#[test]
fn assistants_shapes_import() {
    let imported = import("twilio_assistants_v1.yaml", ASSISTANTS_SHAPES).unwrap();
    let yaml = &imported.yaml;
    let product = crate::load_str("spec/assistants/v1.yaml", yaml).unwrap_or_else(|d| panic!("{d:?}\n{yaml}"));
    let names: Vec<&str> = product.resources.iter().map(|r| r.name.as_str()).collect();
    // `assistant_with_tools` at `/Assistants/{id}` is the assistant; the tools listed under an
    // assistant are a resource of their own, whichever path comes first.
    assert_eq!(names, ["assistant", "assistants_tool", "tool", "policy"], "{yaml}");
    let attachments = &product.resources[1];
    assert_eq!(attachments.parent, Some(0));
    let methods: Vec<(&str, &str, bool)> = attachments
        .methods
        .iter()
        .map(|m| {
            (
                m.name.as_str(),
                m.path.raw.as_str(),
                m.returns == crate::model::Returns::Nothing,
            )
        })
        .collect();
    assert_eq!(
        methods,
        [
            ("list", "/v1/Assistants/{assistantId}/Tools", false),
            ("create", "/v1/Assistants/{assistantId}/Tools/{id}", true),
            ("delete", "/v1/Assistants/{assistantId}/Tools/{id}", true),
        ],
        "{yaml}"
    );
    assert!(yaml.contains("AssistantId: id<aia_asst_>"), "{yaml}");
    // A GET with a page size is a list even with no instance path below it.
    assert_eq!(product.resources[3].methods[0].name, "list", "{yaml}");
    // Typed JSON members are inputs: a component schema under its own name, an object described
    // in place under its place (singular for list items); what the server fills in is not sent.
    assert!(imported.left_out.is_empty(), "{:?}", imported.left_out);
    let create = &product.resources[2].methods[1];
    let params: Vec<(&str, &str)> = create
        .params
        .iter()
        .map(|p| (p.wire.as_str(), p.spec_type.as_str()))
        .collect();
    assert_eq!(
        params,
        [
            ("name", "string"),
            ("settings", "object<settings>"),
            ("parts", "list<object<tool_part>>")
        ]
    );
    type Members<'a> = Vec<(&'a str, &'a str, bool, bool)>;
    let inputs: Vec<(&str, Members)> = product
        .objects
        .iter()
        .filter(|o| o.input)
        .map(|o| {
            let members = o
                .fields
                .iter()
                .map(|f| (f.wire.as_str(), f.spec_type.as_str(), f.optional, f.sensitive));
            (o.name.as_str(), members.collect())
        })
        .collect();
    assert_eq!(
        inputs,
        [
            ("settings", vec![("enabled", "boolean", false, false)]),
            (
                "tool_part",
                vec![
                    ("sid", "string", false, false),
                    ("kind", "enum<tool_part_kind>", true, false),
                    ("secret", "string", true, true),
                ]
            ),
        ],
        "{yaml}"
    );
}

#[test]
fn lookups_shapes_import() {
    let official = r#"
servers: [{url: https://lookups.twilio.com}]
components:
  schemas:
    RateLimitResponse: {properties: {field: {type: string}}}
    OverridesResponse: {properties: {reason: {type: string}}}
paths:
  /v2/RateLimits:
    get:
      operationId: FetchLookupAccountRateLimits
      responses:
        '200':
          content:
            application/json:
              schema:
                properties:
                  rate_limits: {type: array, items: {$ref: '#/components/schemas/RateLimitResponse'}}
  /v2/RateLimits/Fields/{Field}/Bucket/{Bucket}:
    get:
      operationId: FetchLookupRateLimit
      responses: {'200': {content: {application/json: {schema: {$ref: '#/components/schemas/RateLimitResponse'}}}}}
  /v2/Numbers/{PhoneNumber}/Overrides/{Field}:
    x-twilio: {mountName: lookupOverrides}
    get:
      operationId: FetchLookupPhoneNumberOverrides
      responses: {'200': {content: {application/json: {schema: {$ref: '#/components/schemas/OverridesResponse'}}}}}
"#;
    let imported = import("twilio_lookups_v2.yaml", official).unwrap();
    let yaml = &imported.yaml;
    // An unpaged array of models is a list; an instance path two parameters below it is a
    // resource of its own, below a group for the first.
    assert!(yaml.contains("    list_path: /RateLimits\n"), "{yaml}");
    assert!(
        yaml.contains("      list:\n        records_key: rate_limits\n"),
        "{yaml}"
    );
    assert!(
        yaml.contains("  field:\n    plural: fields\n    instance_path: /RateLimits/Fields/{Field}\n    resources:\n      bucket:\n"),
        "{yaml}"
    );
    assert!(imported.left_out.is_empty(), "{:?}", imported.left_out);
    // Mount names are snake_case accessors.
    assert!(yaml.contains("plural: lookup_overrides\n"), "{yaml}");
}

#[test]
fn operations_that_answer_nothing_need_no_model() {
    let official = r#"
servers: [{url: https://voice.twilio.com}]
components:
  schemas:
    voice.v1.subscription: {properties: {sid: {type: string, pattern: '^ZY[0-9a-fA-F]{32}$'}}}
paths:
  /v1/Subscriptions:
    x-twilio: {pathType: list}
    post:
      operationId: CreateSubscription
      responses: {'201': {content: {application/json: {schema: {$ref: '#/components/schemas/voice.v1.subscription'}}}}}
  /v1/Subscriptions/{Sid}:
    x-twilio: {pathType: instance}
    delete:
      operationId: DeleteSubscription
      responses: {'204': {description: gone}}
  /v1/Archives/{Date}/Calls/{Sid}:
    x-twilio: {pathType: instance, mountName: archived_calls}
    delete:
      operationId: DeleteArchivedCall
      parameters:
      - {name: Date, in: path, required: true, schema: {type: string, format: date}}
      - {name: Sid, in: path, required: true, schema: {type: string, pattern: '^CA[0-9a-fA-F]{32}$'}}
      responses: {'204': {description: gone}}
  /v1/Exports/{Day}:
    x-twilio: {pathType: instance}
    get:
      operationId: FetchDay
      responses: {'307': {content: {application/json: {schema: {type: object}}}}}
"#;
    let imported = import("twilio_voice_v1.yaml", official).unwrap();
    let yaml = &imported.yaml;
    crate::load_str("spec/voice/v1.yaml", yaml).unwrap_or_else(|d| panic!("{d:?}\n{yaml}"));
    // The delete joins the list it sits below.
    assert!(
        yaml.contains("    list_path: /Subscriptions\n    instance_path: /Subscriptions/{Sid}\n"),
        "{yaml}"
    );
    // A delete alone is a resource without fields, below a group whose parameter is a date.
    assert!(
        yaml.contains(
            "  archive:\n    plural: archives\n    instance_path: /Archives/{Date}\n    path_params:\n      Date: date\n    resources:\n      archived_call:\n"
        ),
        "{yaml}"
    );
    // A redirect is an answer, not nothing: named, not imported.
    assert_eq!(
        imported.left_out,
        ["path /v1/Exports/{Day}: 1 operation(s) without a model schema"]
    );
}

#[test]
fn objects_described_in_place_are_models_and_one_of_bodies_are_named() {
    let official = r#"
servers: [{url: https://messaging.twilio.com}]
components:
  schemas:
    whatsapp: {type: object, properties: {channel: {type: string}}}
    apple: {type: object, properties: {from: {type: string}}}
paths:
  /v2/Indicators/Typing.json:
    x-twilio: {mountName: typing_indicator, pathType: list}
    post:
      operationId: CreateTypingIndicator
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [messageId]
              properties:
                messageId: {type: string, pattern: '^(SM|MM)[0-9a-fA-F]{32}$'}
      responses:
        '200': {content: {application/json: {schema: {type: object, properties: {success: {type: boolean}}}}}}
  /v2/Services/{ServiceSid}/Passkeys/Factors:
    x-twilio: {pathType: list}
    post:
      operationId: CreateNewFactorPasskey
      requestBody:
        content:
          application/json:
            schema: {oneOf: [{$ref: '#/components/schemas/whatsapp'}, {$ref: '#/components/schemas/apple'}]}
      responses:
        '201': {content: {application/json: {schema: {type: object, properties: {status: {type: string, enum: [a, b]}}}}}}
"#;
    let imported = import("twilio_messaging_v2.yaml", official).unwrap();
    // The enums of a resource left out go with it.
    assert!(!imported.yaml.contains("enums:"), "{}", imported.yaml);
    let yaml = &imported.yaml;
    assert!(
        yaml.contains("  typing_indicator:\n    plural: typing_indicator\n    list_path: /Indicators/Typing.json\n    fields:\n      success: boolean\n"),
        "{yaml}"
    );
    assert!(yaml.contains("messageId: {type: sid<SM|MM>, required: true}"), "{yaml}");
    // Members of one of several shapes would be dropped unseen: the operation is named instead.
    assert_eq!(
        imported.left_out,
        [
            "CreateNewFactorPasskey (POST /v2/Services/{ServiceSid}/Passkeys/Factors): a request body that is one of several shapes, with no member telling them apart",
            "resource inline:/v2/Services/{ServiceSid}/Passkeys/Factors: none of its operations could be imported",
            "resource group:/Services/{ServiceSid}: none of its operations could be imported",
        ]
    );
}

#[test]
fn redirects_as_answers_and_instance_models_named_after_their_list() {
    let official = r#"
servers: [{url: https://bulkexports.twilio.com}]
components:
  schemas:
    bulkexports.v1.export.day: {properties: {day: {type: string}}}
    bulkexports.v1.export.day-instance: {properties: {redirect_to: {type: string, format: uri}}}
paths:
  /v1/Days:
    x-twilio: {pathType: list}
    get:
      operationId: ListDay
      responses:
        '200':
          content:
            application/json:
              schema:
                properties:
                  days: {type: array, items: {$ref: '#/components/schemas/bulkexports.v1.export.day'}}
                  meta: {type: object}
  /v1/Days/{Day}:
    x-twilio: {pathType: instance}
    get:
      operationId: FetchDay
      responses:
        '307': {content: {application/json: {schema: {$ref: '#/components/schemas/bulkexports.v1.export.day-instance'}}}}
"#;
    let imported = import("twilio_bulkexports_v1.yaml", official).unwrap();
    let yaml = &imported.yaml;
    crate::load_str("spec/bulkexports/v1.yaml", yaml).unwrap_or_else(|d| panic!("{d:?}\n{yaml}"));
    assert!(yaml.contains("resources:\n  day:\n    plural: days\n"), "{yaml}");
    assert!(yaml.contains("      fetch:\n        redirect: true\n"), "{yaml}");
    assert!(imported.left_out.is_empty(), "{:?}", imported.left_out);
}

#[test]
fn a_group_at_the_base_path_is_named_after_it_and_other_media_types_are_not_nothing() {
    let official = r#"
servers: [{url: https://preview-iam.twilio.com}]
components:
  schemas:
    account: {properties: {account_sid: {type: string}}}
paths:
  /Organizations/{OrganizationSid}/Accounts/{AccountSid}:
    get:
      operationId: FetchOrganizationAccount
      responses: {'200': {content: {application/json: {schema: {$ref: '#/components/schemas/account'}}}}}
  /Organizations/{OrganizationSid}/scim/Users/{UserSid}:
    get:
      operationId: FetchOrganizationUser
      responses: {'200': {content: {application/scim+json: {schema: {type: object}}}}}
"#;
    let imported = import("twilio_iam_organizations.yaml", official).unwrap();
    assert!(
        imported.yaml.contains(
            "resources:\n  organization:\n    plural: organizations\n    instance_path: /{OrganizationSid}\n"
        ),
        "{}",
        imported.yaml
    );
    // A SCIM body is an answer this importer cannot read, not an empty one.
    assert_eq!(
        imported.left_out,
        ["path /Organizations/{OrganizationSid}/scim/Users/{UserSid}: 1 operation(s) without a model schema"]
    );
}

#[test]
fn a_body_of_one_of_several_shapes_told_apart_by_a_member_is_one_input() {
    let official = r#"
openapi: 3.0.1
paths:
  /v3/Indicators/Typing.json:
    servers: [{url: 'https://messaging.twilio.com'}]
    post:
      operationId: CreateTypingIndicator
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/TypingIndicatorRequest'}
      responses:
        '200': {content: {application/json: {schema: {type: object, properties: {success: {type: boolean}}}}}}
components:
  schemas:
    TypingIndicatorRequest:
      oneOf:
      - {$ref: '#/components/schemas/WhatsAppRequest'}
      - {$ref: '#/components/schemas/AppleRequest'}
      discriminator: {propertyName: channel}
    WhatsAppRequest:
      required: [channel, messageId]
      properties:
        channel: {type: string, enum: [WHATSAPP]}
        messageId: {type: string}
    AppleRequest:
      required: [channel, to]
      properties:
        channel: {type: string, enum: [APPLE]}
        to: {type: string}
"#;
    let imported = import("twilio_messaging_v3.yaml", official).unwrap();
    assert!(imported.left_out.is_empty(), "{:?}", imported.left_out);
    let yaml = &imported.yaml;
    assert!(
        yaml.contains("  typing_indicator_request:\n    tag: channel\n    one_of:\n      WHATSAPP: whats_app_request\n      APPLE: apple_request\n"),
        "{yaml}"
    );
    assert!(
        yaml.contains("typing_indicator: {type: object<typing_indicator_request>, required: true, in: body}"),
        "{yaml}"
    );
    // The tag is the union's to write: the alternatives do not carry it.
    let product = crate::load_str("spec/messaging/v3.yaml", yaml).unwrap_or_else(|d| panic!("{d:?}\n{yaml}"));
    let whatsapp = product.objects.iter().find(|o| o.name == "whats_app_request").unwrap();
    let members: Vec<&str> = whatsapp.fields.iter().map(|f| f.wire.as_str()).collect();
    assert_eq!(members, ["messageId"]);
    let union = product.objects.iter().find_map(|o| o.union.as_ref()).unwrap();
    let variants: Vec<(&str, &str)> = union
        .variants
        .iter()
        .map(|v| (v.value.as_str(), v.rust.as_str()))
        .collect();
    assert_eq!(variants, [("WHATSAPP", "Whatsapp"), ("APPLE", "Apple")]);
}
