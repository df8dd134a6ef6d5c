//! The order readers see: newest first, and each post's neighbours in that order.

// Every index here is a position in a vector this module builds with one entry per post or term
// (or an id handed out for one); none comes from the text of a post.
#![allow(clippy::indexing_slicing)]

use crate::model::{Neighbour, Post};

/// Posts newest first by their Unix time; posts at the same instant by slug, so the order never depends
/// on the order files were read in.
pub(super) fn newest_first(mut dated: Vec<(i64, Post)>) -> Vec<Post> {
    dated.sort_by(|(ua, a), (ub, b)| ub.cmp(ua).then_with(|| a.meta.slug.cmp(&b.meta.slug)));
    dated.into_iter().map(|(_, p)| p).collect()
}

/// Links each post to the one above (`prev`, newer) and below (`next`, older) it in the list.
pub(super) fn link_neighbours(posts: &mut [Post]) {
    let neighbours: Vec<Neighbour> = posts.iter().map(neighbour).collect();
    for (i, post) in posts.iter_mut().enumerate() {
        post.prev = i.checked_sub(1).map(|j| neighbours[j].clone());
        post.next = neighbours.get(i + 1).cloned();
    }
}

pub(super) fn neighbour(post: &Post) -> Neighbour {
    Neighbour {
        slug: post.meta.slug.clone(),
        title: post.meta.title.clone(),
    }
}
