//! The resolved model (IR): every name derived, every reference resolved, every path split.
//! Emitters read only this; nothing here refers back to YAML.

pub use crate::closed::{DateStyle, Http, Location, Paging};

/// One product version, e.g. `api` `v2010`.
#[derive(Debug, Clone)]
pub struct Product {
    /// Spec file the product came from, for `@generated` headers.
    pub file: String,
    pub product: String,
    pub version: String,
    /// Cargo feature, e.g. `api-v2010`.
    pub feature: String,
    /// Twilio's OpenAPI file for this version, e.g. `twilio_api_v2010.yaml`.
    pub official_file: String,
    pub host: String,
    pub base_path: String,
    pub dates: DateStyle,
    pub paging: Paging,
    /// Requests carry an OAuth access token instead of Basic credentials.
    pub bearer_auth: bool,
    pub docs: Option<String>,
    pub doc: Option<String>,
    pub enums: Vec<Enum>,
    pub objects: Vec<Object>,
    /// Every resource of the tree, parents before children.
    pub resources: Vec<Resource>,
}

#[derive(Debug, Clone)]
pub struct Enum {
    pub name: String,
    /// Rust type name.
    pub rust: String,
    pub doc: Option<String>,
    pub variants: Vec<Variant>,
    /// The variant holding values this crate does not know: `Other`, or `Unknown` when a
    /// value is itself `Other`.
    pub fallback: String,
}

#[derive(Debug, Clone)]
pub struct Variant {
    pub wire: String,
    pub rust: String,
}

/// A nested object: decoded from responses (`objects:`), or, for an input (`inputs:`), built
/// by the caller and sent in a JSON request body, with its required members as plain
/// constructor arguments (`optional: false`).
#[derive(Debug, Clone)]
pub struct Object {
    pub name: String,
    pub rust: String,
    pub doc: Option<String>,
    pub fields: Vec<Field>,
    pub input: bool,
    /// An input that is one of several others (`one_of`), told apart by a tag member.
    pub union: Option<Union>,
}

/// The inputs an input may be, and the member that says which.
#[derive(Debug, Clone)]
pub struct Union {
    /// Wire name of the tag member, e.g. `channel`.
    pub tag: String,
    pub variants: Vec<UnionVariant>,
}

#[derive(Debug, Clone)]
pub struct UnionVariant {
    /// The tag's value, e.g. `WHATSAPP`.
    pub value: String,
    /// Rust variant name, e.g. `Whatsapp`.
    pub rust: String,
    /// Index of the input in the product's objects.
    pub input: usize,
}

/// A response field, or a member of an input object.
#[derive(Debug, Clone)]
pub struct Field {
    pub wire: String,
    /// Rust field name (snake_case, not yet escaped).
    pub rust: String,
    pub ty: Ty,
    /// The type as written in the spec, for docs.
    pub spec_type: String,
    pub optional: bool,
    pub sensitive: bool,
    pub deprecated: bool,
    /// How a `date-time` arrives where it differs from the product's `dates`.
    pub dates: Option<DateStyle>,
    pub doc: Option<String>,
}

/// A resolved type; enums and objects are indices into the product's lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    String,
    Integer,
    Number,
    Boolean,
    Date,
    DateTime,
    Decimal,
    HttpMethod,
    Json,
    StringMap,
    Enum(usize),
    Object(usize),
    List(Box<Ty>),
    PrefixedMap(String),
}

#[derive(Debug, Clone)]
pub struct Resource {
    pub name: String,
    /// Rust type name of the model, e.g. `Message`.
    pub rust: String,
    /// Type of the collection handle, e.g. `Messages` (`MediaList` where the plural is the
    /// singular).
    pub collection: String,
    /// Type of the instance handle, e.g. `MessageHandle`.
    pub handle: String,
    /// Accessor of the collection handle, e.g. `messages`.
    pub plural: String,
    /// Accessor of the instance handle, e.g. `message`.
    pub singular: String,
    pub doc: Option<String>,
    pub docs: Option<String>,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// Path parameters fixed by the handle (those of the parents), in path order.
    pub bound: Vec<PathParam>,
    /// The parameter naming one instance, e.g. `{Sid}`.
    pub own: Option<PathParam>,
    /// Also reachable from the version handle, with the account SID defaulted.
    pub mounted_on_version: bool,
    /// Reached from the parent's collection handle, not from one instance: the path adds no
    /// parameter to the parent's (`incoming_phone_numbers().local()`), or the parent is a
    /// singleton.
    pub on_collection: bool,
    pub fields: Vec<Field>,
    pub methods: Vec<Method>,
}

impl Resource {
    /// An instance handle exists only to reach children below one instance.
    pub fn has_handle(&self, resources: &[Resource]) -> bool {
        self.children.iter().any(|&c| !resources[c].on_collection)
    }

    /// A collection handle exists when it has something to offer: methods, or children below
    /// the collection (a group such as `service(sid)` with children only below one instance
    /// has none).
    pub fn has_collection(&self, resources: &[Resource]) -> bool {
        !self.methods.is_empty() || self.children.iter().any(|&c| resources[c].on_collection)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathParam {
    pub wire: String,
    pub rust: String,
    /// Filled from the client's account SID unless a handle sets it.
    pub defaulted: bool,
    pub sid: Option<Vec<String>>,
    /// `Ty::String` unless the resource's `path_params` says otherwise (`Integer`, an enum).
    pub ty: Ty,
}

/// A path split into literal pieces around `{Param}` placeholders, base path included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate {
    pub raw: String,
    /// One more literal than params; literal `i` precedes param `i`.
    pub literals: Vec<String>,
    pub params: Vec<String>,
}

impl PathTemplate {
    /// Whether the path ends with its last parameter (`/Services/{Sid}`, `/Calls/{Sid}.json`).
    pub fn ends_with_param(&self) -> bool {
        !self.params.is_empty() && matches!(self.literals.last().map(String::as_str), Some("" | ".json"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MethodKind {
    Create,
    Fetch,
    Update,
    Delete,
    List,
    Action,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Returns {
    Model,
    Nothing,
    Page,
}

#[derive(Debug, Clone)]
pub struct Method {
    /// Accessor on the collection handle, e.g. `create`.
    pub name: String,
    /// Builder type, e.g. `CreateMessage`.
    pub builder: String,
    pub kind: MethodKind,
    pub http: Http,
    pub path: PathTemplate,
    /// Path parameters the caller passes (not fixed by the handle), in path order.
    pub path_args: Vec<PathParam>,
    pub returns: Returns,
    pub json_body: bool,
    pub params: Vec<Param>,
    pub groups: Vec<Group>,
    pub page_size_max: u32,
    pub records_key: String,
    pub deprecated: bool,
    /// Success is a 3xx redirect whose JSON body is the model (`redirect_to`).
    pub redirect: bool,
    /// The `Accept` media type where it is not `application/json` (SCIM's).
    pub accept: Option<String>,
    /// A list's envelope where it is not the product's.
    pub paging: Option<Paging>,
    pub doc: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Param {
    pub wire: String,
    pub rust: String,
    pub ty: Ty,
    pub spec_type: String,
    pub required: bool,
    pub location: Location,
    pub sensitive: bool,
    pub deprecated: bool,
    pub doc: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub name: String,
    pub exclusive: bool,
    /// Indices into the method's params.
    pub members: Vec<usize>,
}
