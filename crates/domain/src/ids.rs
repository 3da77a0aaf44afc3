use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// The database identity of a story.
    StoryId
);
id_type!(
    /// The database identity of an author.
    AuthorId
);
id_type!(
    /// The database identity of a tag.
    TagId
);
id_type!(
    /// The database identity of a media item (an image file and its metadata).
    MediaId
);
id_type!(
    /// The database identity of a newsroom account.
    UserId
);
