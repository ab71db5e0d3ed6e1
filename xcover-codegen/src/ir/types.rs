//! The type half of the IR: one entry per Rust type, owning its name and shape.

use crate::diagnostics::Pointer;

/// Index of a type in the [`TypeSpace`](super::typespace::TypeSpace).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// The type of a field, parameter, body or variant.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeRef {
    /// A generated type.
    Named(TypeId),
    /// A type from std or a dependency.
    Scalar(Scalar),
    /// `Vec<T>`.
    List(Box<TypeRef>),
    /// `Vec<T>` that the API may send as an object keyed by index (`x-index-keyed-array`).
    IndexKeyedList(Box<TypeRef>),
    /// A map from string keys (`additionalProperties`).
    Map(Box<TypeRef>),
    /// `Option<T>` for a nullable item inside a list, map or union.
    Option(Box<TypeRef>),
    /// `Box<T>`, breaking a cycle of types that contain each other.
    Boxed(Box<TypeRef>),
}

/// Types that need no generated definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scalar {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i32` (`format: int32`).
    I32,
    /// `i64`.
    I64,
    /// `f32` (`format: float`).
    F32,
    /// `f64`.
    F64,
    /// `rust_decimal::Decimal` sent as a JSON number (`type: number, format: decimal`).
    DecimalNumber,
    /// `rust_decimal::Decimal` sent as a string (`type: string, format: decimal`).
    DecimalString,
    /// `chrono::DateTime<FixedOffset>`: keeps the offset the API sent.
    DateTime,
    /// `chrono::NaiveDate`.
    Date,
    /// `uuid::Uuid`.
    Uuid,
    /// Any JSON value.
    Json,
    /// A JSON object with any members.
    JsonObject,
    /// No value (`()`).
    Unit,
    /// Raw bytes (`bytes::Bytes`): binary bodies.
    Bytes,
}

/// Which wrappers a look through a type passes: the one traversal of the IR's types, so that
/// every question about what a type holds is answered the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Through {
    /// `Option` only: what a value holds inline, which rustc must size (a cycle through
    /// these needs a `Box`).
    Inline,
    /// Every wrapper: everything a type mentions.
    Everything,
}

/// How a type definition holds one of its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holding {
    /// As written: a field, a variant, an alias's target.
    AsIs,
    /// As the values of a map (a struct's extra properties).
    InMap,
}

impl Scalar {
    /// The Rust type it is written as: a path with the paths of its generic arguments, or
    /// `()` for an empty path.
    pub fn rust(self) -> RustPath {
        const STRING: &[&str] = &["String"];
        const JSON: &[&str] = &["serde_json", "Value"];
        let (path, arguments): (&'static [&'static str], &'static [&'static [&'static str]]) =
            match self {
                Scalar::String => (STRING, &[]),
                Scalar::Bool => (&["bool"], &[]),
                Scalar::I32 => (&["i32"], &[]),
                Scalar::I64 => (&["i64"], &[]),
                Scalar::F32 => (&["f32"], &[]),
                Scalar::F64 => (&["f64"], &[]),
                Scalar::DecimalNumber | Scalar::DecimalString => {
                    (&["rust_decimal", "Decimal"], &[])
                }
                Scalar::DateTime => (&["chrono", "DateTime"], &[&["chrono", "FixedOffset"]]),
                Scalar::Date => (&["chrono", "NaiveDate"], &[]),
                Scalar::Uuid => (&["uuid", "Uuid"], &[]),
                Scalar::Json => (JSON, &[]),
                Scalar::JsonObject => (&["serde_json", "Map"], &[STRING, JSON]),
                Scalar::Unit => (&[], &[]),
                Scalar::Bytes => (&["bytes", "Bytes"], &[]),
            };
        RustPath { path, arguments }
    }
}

/// A Rust type as a path and the paths of its generic arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RustPath {
    /// The type's path; empty for `()`.
    pub path: &'static [&'static str],
    /// Its generic arguments.
    pub arguments: &'static [&'static [&'static str]],
}

/// The map every map-typed value is (`additionalProperties`), keyed by `String`.
pub const MAP_PATH: &[&str] = &["std", "collections", "BTreeMap"];

impl TypeRef {
    /// Whether this is the given scalar.
    pub fn is_scalar(&self, scalar: Scalar) -> bool {
        matches!(self, TypeRef::Scalar(s) if *s == scalar)
    }

    /// The type this one wraps (`Vec<T>`, `Option<T>`, a map's `T`, `Box<T>`), if it wraps one.
    pub fn wrapped(&self) -> Option<&TypeRef> {
        match self {
            TypeRef::Named(_) | TypeRef::Scalar(_) => None,
            TypeRef::List(inner)
            | TypeRef::IndexKeyedList(inner)
            | TypeRef::Map(inner)
            | TypeRef::Option(inner)
            | TypeRef::Boxed(inner) => Some(inner),
        }
    }

    /// The generated type or scalar inside every wrapper, and how many wrappers there are.
    pub fn innermost(&self) -> (&TypeRef, usize) {
        let mut ty = self;
        let mut wrappers = 0;
        while let Some(inner) = ty.wrapped() {
            ty = inner;
            wrappers += 1;
        }
        (ty, wrappers)
    }

    /// The generated type this holds, looking through the wrappers `through` allows.
    pub fn named(&self, through: Through) -> Option<TypeId> {
        let mut ty = self;
        loop {
            match ty {
                TypeRef::Named(id) => return Some(*id),
                TypeRef::Option(inner) => ty = inner,
                _ if through == Through::Everything => ty = ty.wrapped()?,
                _ => return None,
            }
        }
    }
}

impl TypeKind {
    /// Calls `part` with every type this definition holds: struct fields and extra
    /// properties, union variants, an alias's or newtype's target, response bodies.
    pub fn for_each_part<'t>(&'t self, mut part: impl FnMut(&'t TypeRef, Holding)) {
        match self {
            TypeKind::Struct(structure) => {
                for field in &structure.fields {
                    part(&field.ty, Holding::AsIs);
                }
                if let Some((_, value)) = &structure.extra {
                    part(value, Holding::InMap);
                }
            }
            TypeKind::Union(union) => {
                for variant in &union.variants {
                    part(&variant.ty, Holding::AsIs);
                }
            }
            TypeKind::Alias(ty) | TypeKind::Newtype(ty) => part(ty, Holding::AsIs),
            TypeKind::ResponseEnum(variants) => {
                for ty in variants.iter().filter_map(|variant| variant.ty.as_ref()) {
                    part(ty, Holding::AsIs);
                }
            }
            TypeKind::Pending | TypeKind::StringEnum(_) => {}
        }
    }
}

/// One generated type.
#[derive(Debug, Clone)]
pub struct TypeEntry {
    /// The Rust name, unique in the types module.
    pub name: String,
    /// The spec's title and description.
    pub doc: Option<String>,
    /// Where the schema is.
    pub pointer: Pointer,
    /// Its shape.
    pub kind: TypeKind,
}

/// The shape of a generated type.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// Reserved while its schema is being converted.
    Pending,
    /// A struct with named fields.
    Struct(StructType),
    /// A string enum that keeps unknown values.
    StringEnum(StringEnum),
    /// A `oneOf`/`anyOf`.
    Union(Union),
    /// `pub type Name = T;`
    Alias(TypeRef),
    /// `pub struct Name(pub T);`: an alias that is part of a cycle.
    Newtype(TypeRef),
    /// The possible outcomes of an operation, chosen by status.
    ResponseEnum(Vec<ResponseVariant>),
}

/// A struct's fields.
#[derive(Debug, Clone, Default)]
pub struct StructType {
    /// Declared properties, in spec order.
    pub fields: Vec<Field>,
    /// `additionalProperties`: the field name and the value type, flattened into the struct.
    pub extra: Option<(String, TypeRef)>,
    /// How callers build it (decided once the whole document is converted).
    pub construction: Construction,
}

/// How a struct is built: `Name::constructor(required fields…)` plus a setter per other field
/// (each named as its field).
#[derive(Debug, Clone, Default)]
pub struct Construction {
    /// The constructor's name: `new`, unless a field takes that name for its setter.
    pub constructor: String,
    /// A field the constructor sets itself, with its value: the tag of the one union variant
    /// this struct is, so that callers never type it.
    pub tag: Option<(usize, String)>,
}

/// What a field is to the constructor and setters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldRole {
    /// An argument of the constructor.
    Required,
    /// Starts `None`; its setter takes the value and wraps it in `Some`.
    Optional,
    /// Starts at its spec default (or empty); its setter replaces it.
    Defaulted,
}

/// A struct field.
#[derive(Debug, Clone)]
pub struct Field {
    /// The Rust name (without `r#`).
    pub name: String,
    /// The JSON name.
    pub wire: String,
    /// The spec's description.
    pub doc: Option<String>,
    /// The value's type, without the `Option` that `required`/`nullable` add.
    pub ty: TypeRef,
    /// Listed in `required`.
    pub required: bool,
    /// `nullable: true`.
    pub nullable: bool,
    /// `readOnly` or `writeOnly`.
    pub access: Access,
    /// The spec's `default`.
    pub default: Option<serde_json::Value>,
    /// How the field is written (decided once the whole document is converted).
    pub form: FieldForm,
    /// The spec default used when the field is absent, if it can be a Rust value of `ty`.
    pub spec_default: Option<SpecDefault>,
}

/// How a field's type is written around its value type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FieldForm {
    /// `T`: required and not nullable, or filled by a spec default.
    #[default]
    Bare,
    /// `Option<T>`, left out of what is sent when `None` if `omitted_when_none`.
    Option {
        /// Not required: `None` is sent as no field rather than `null`.
        omitted_when_none: bool,
    },
    /// `Option<Option<T>>` in a PATCH body: absent, `null` and a value all differ.
    DoubleOption,
}

/// A spec default, and the function the generated code gets it from.
#[derive(Debug, Clone, PartialEq)]
pub struct SpecDefault {
    /// The function's name, unique in the `defaults` module.
    pub function: String,
    /// The value.
    pub value: DefaultValue,
}

/// A spec default as a Rust value.
#[derive(Debug, Clone, PartialEq)]
pub enum DefaultValue {
    /// A `bool`.
    Bool(bool),
    /// A `String`.
    String(String),
    /// An `i64`.
    I64(i64),
    /// An `i32`.
    I32(i32),
    /// An `f64`.
    F64(f64),
    /// An `f32`.
    F32(f32),
    /// A variant of a generated string enum.
    Variant {
        /// The enum.
        ty: TypeId,
        /// The variant's Rust name.
        variant: String,
    },
}

/// Which way a property travels (`readOnly`, `writeOnly`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Access {
    /// Both ways.
    #[default]
    ReadWrite,
    /// Only in what the server sends (`readOnly`): a client never has to send it.
    ReadOnly,
    /// Only in what the client sends (`writeOnly`): a server never has to send it.
    WriteOnly,
}

/// A string enum.
#[derive(Debug, Clone)]
pub struct StringEnum {
    /// Known values.
    pub variants: Vec<EnumVariant>,
    /// Name of the variant that keeps any other value.
    pub unknown: String,
    /// Index of the spec's `default` value.
    pub default: Option<usize>,
}

/// One known value of a string enum.
#[derive(Debug, Clone)]
pub struct EnumVariant {
    /// The Rust name.
    pub name: String,
    /// The value on the wire.
    pub wire: String,
}

/// A `oneOf`/`anyOf`.
#[derive(Debug, Clone)]
pub struct Union {
    /// The alternatives, in spec order.
    pub variants: Vec<UnionVariant>,
    /// How an alternative is chosen when the union has a discriminator; untagged otherwise.
    pub tagging: Option<Tagging>,
}

/// One alternative of a union.
#[derive(Debug, Clone)]
pub struct UnionVariant {
    /// The Rust name.
    pub name: String,
    /// Its type.
    pub ty: TypeRef,
    /// Whether the union implements `From` this variant's type: no other variant has it.
    pub from: bool,
}

/// A discriminated union: the property holding the tag, and what each tag selects.
#[derive(Debug, Clone)]
pub struct Tagging {
    /// The discriminator property.
    pub property: String,
    /// Tag value → index of the variant.
    pub tags: Vec<(String, usize)>,
    /// What receives a tag the spec does not list.
    pub fallback: TagFallback,
}

/// Where an unlisted tag goes.
#[derive(Debug, Clone)]
pub enum TagFallback {
    /// The variant at this index (`x-discriminator-fallback`).
    Variant(usize),
    /// An extra variant with this name holding the raw JSON.
    Unknown(String),
}

/// One outcome of an operation.
#[derive(Debug, Clone)]
pub struct ResponseVariant {
    /// The Rust name (`Ok`, `Created`, `Default`, …).
    pub name: String,
    /// The body type, if the response has one.
    pub ty: Option<TypeRef>,
}
