//! The macros that give generated types their impls: one macro call instead of several impls
//! a type keeps the generated code short and cheap to compile.

/// Implements what a string enum needs: `as_str`, `From<&str>`, `Display`, `Serialize` and
/// `Deserialize`. Each listed variant is its wire value; the variant named after the `;`
/// (`Unknown(String)`) keeps any other value as sent. One macro instead of five impls per enum
/// keeps the generated code short and cheap to compile.
#[doc(hidden)]
#[macro_export]
macro_rules! string_enum {
    ($name:ident, $unknown:ident; $($variant:ident($wire:literal)),* $(,)?) => {
        impl $name {
            /// The value as it is sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::$unknown(value) => value,
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($wire => Self::$variant,)*
                    other => Self::$unknown(other.to_string()),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value: std::borrow::Cow<'de, str> = $crate::serde::Deserialize::deserialize(deserializer)?;
                Ok(Self::from(value.as_ref()))
            }
        }
    };
}

/// Implements how a generated struct is built: a constructor taking the fields the spec
/// requires (a tag a union variant implies is set, not asked for) and one chainable setter per
/// other field. Structs are `#[non_exhaustive]`, so this is the one way to build them outside
/// the SDK, and a new optional field never breaks a caller. One macro instead of a method per
/// field keeps the generated code short and cheap to compile.
#[doc(hidden)]
#[macro_export]
macro_rules! record {
    (
        $name:ident :: $new:ident ( $($required:ident : $required_ty:ty),* $(,)? )
        tag { $($tag:ident = $tag_value:literal),* $(,)? }
        some { $($optional:ident : $optional_ty:ty),* $(,)? }
        set { $($defaulted:ident : $defaulted_ty:ty = $default:expr),* $(,)? }
    ) => {
        impl $name {
            #[doc = concat!("A `", stringify!($name), "` with the fields the spec requires; the setters give the others.")]
            #[allow(clippy::too_many_arguments, clippy::new_without_default)]
            pub fn $new($($required: impl Into<$required_ty>),*) -> Self {
                Self {
                    $($required: $required.into(),)*
                    $($tag: $tag_value.into(),)*
                    $($optional: None,)*
                    $($defaulted: $default,)*
                }
            }

            $(
                #[doc = concat!("Sets `", stringify!($optional), "`.")]
                pub fn $optional(mut self, value: impl Into<$optional_ty>) -> Self {
                    self.$optional = Some(value.into());
                    self
                }
            )*

            $(
                #[doc = concat!("Sets `", stringify!($defaulted), "`.")]
                pub fn $defaulted(mut self, value: impl Into<$defaulted_ty>) -> Self {
                    self.$defaulted = value.into();
                    self
                }
            )*
        }
    };
}

/// The members every request builder shares: `options`, for one call's settings, and
/// `OPERATION`, the identity `send` gives the runtime (for tracing and test doubles). The
/// builder has a field `options`.
#[doc(hidden)]
#[macro_export]
macro_rules! request_builder {
    ($id:literal, $path:literal) => {
        /// Settings for this call alone: a timeout, extra headers, extensions for the
        /// middleware (a retry policy, say).
        pub fn options(mut self, options: $crate::RequestOptions) -> Self {
            self.options = options;
            self
        }

        const OPERATION: $crate::Operation = $crate::Operation::new($id, $path);
    };
}

/// A paged operation's `pages()` and `items()`, on a request builder with lifetime `$lt`: the
/// page type, the error type, the item type, the page's field listing the items, then how the
/// next page is asked for: `link field` (the page's next link, followed on the base URL's
/// origin only), `token field => param` (the page's token, sent back as the builder's `param`)
/// or `offset param` (advanced by the items read, until a page is empty).
#[doc(hidden)]
#[macro_export]
macro_rules! paged {
    ($lt:lifetime, $page:ty, $error:ty, $item:ty, $items:ident; link $field:ident) => {
        $crate::paged!(@methods $lt, $page, $error, $item, $items,
            concat!("following each page's `", stringify!($field), "` link (on the base URL's origin only)"),
            |request, page| {
                let next = $crate::PageCursor::cursor(&page.$field)?;
                Some(Self { options: request.options.follow(next), ..request })
            });
    };
    ($lt:lifetime, $page:ty, $error:ty, $item:ty, $items:ident; token $field:ident => $param:ident) => {
        $crate::paged!(@methods $lt, $page, $error, $item, $items,
            concat!("sending each page's `", stringify!($field), "` back as `", stringify!($param), "`"),
            |request, page| {
                let token = $crate::PageCursor::cursor(&page.$field)?;
                Some(Self { $param: Some(token.to_owned()), ..request })
            });
    };
    ($lt:lifetime, $page:ty, $error:ty, $item:ty, $items:ident; offset $param:ident) => {
        $crate::paged!(@methods $lt, $page, $error, $item, $items,
            concat!("advancing `", stringify!($param), "` by the items of each page until one is empty"),
            |request, page| {
                let count = $crate::PageList::page_len(&page.$items);
                Some(Self { $param: Some($crate::next_offset(request.$param, count)?), ..request })
            });
    };
    (@methods $lt:lifetime, $page:ty, $error:ty, $item:ty, $items:ident, $how:expr, $next:expr) => {
        #[doc = concat!("Every page from this request's on, ", $how, ".")]
        pub fn pages(self) -> impl $crate::Pages<$page, $error> + $lt {
            $crate::pages(self, Self::send, $next)
        }

        #[doc = concat!("Every item of every page: the `", stringify!($items), "` of [`Self::pages`].")]
        pub fn items(self) -> impl $crate::Items<$item, $error> + $lt {
            $crate::items(self.pages(), |page| $crate::PageList::into_items(page.$items))
        }
    };
}

/// Implements `From` each variant's type for a union, so that a value becomes the union with
/// `.into()` (a tagged variant's constructor has already set its tag).
#[doc(hidden)]
#[macro_export]
macro_rules! union_from {
    ($name:ident; $($variant:ident($ty:ty)),* $(,)?) => {
        $(
            impl From<$ty> for $name {
                fn from(value: $ty) -> Self {
                    Self::$variant(value)
                }
            }
        )*
    };
}

#[cfg(test)]
mod tests {
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    enum Currency {
        Gbp,
        Unknown(String),
    }
    crate::string_enum! { Currency, Unknown; Gbp("GBP") }

    #[derive(Debug, Clone, PartialEq, Default)]
    struct Holder {
        name: String,
        kind: String,
        email: Option<String>,
        tags: Vec<String>,
    }
    crate::record! {
        Holder::new(name: String)
        tag { kind = "person" }
        some { email: String }
        set { tags: Vec<String> = Vec::new() }
    }

    #[test]
    fn the_macros_give_generated_types_their_impls() {
        let known: Currency = serde_json::from_str("\"GBP\"").unwrap();
        let unknown: Currency = serde_json::from_str("\"XTS\"").unwrap();
        assert_eq!((known.as_str(), unknown.to_string()), ("GBP", "XTS".into()));
        assert_eq!(serde_json::to_string(&unknown).unwrap(), "\"XTS\"");
        let holder = Holder::new("Ada")
            .email("ada@example.com")
            .tags(vec!["a".into()]);
        assert_eq!(
            holder,
            Holder {
                name: "Ada".into(),
                kind: "person".into(),
                email: Some("ada@example.com".into()),
                tags: vec!["a".into()],
            }
        );
    }
}
