//! The one sweep comparison a capture supports, as its entries stream by: each 304 to a GET
//! beside the 200 to a GET of the same URL that it revalidated (the `ETag` its `If-None-Match`
//! lists, or the `Last-Modified` its `If-Modified-Since` names), earlier in the captures:
//! `not-modified-drops-fields`, `Date` included.

use std::collections::{HashMap, VecDeque};

use http::{header, HeaderMap, Method, StatusCode, Uri};

use super::Exchange;
use crate::{Route, Rule, Violation, Wire};

/// How many answered 200s to a GET are kept per URL for the 304s that follow.
const KEPT_PER_URL: usize = 8;

/// The last answered 200s to a GET of each URL, their response fields: what a later 304 is
/// compared with. Memory grows with the URLs, not with the entries.
#[derive(Debug, Default)]
pub(super) struct Revalidations {
    oks: HashMap<String, VecDeque<HeaderMap>>,
}

impl Revalidations {
    /// Notes `exchange` (the entry at `index`): a 200 to a GET is kept; a 304 to a GET is
    /// compared with the kept 200 it revalidated, and the finding returned.
    pub(super) fn see(&mut self, index: usize, exchange: &Exchange) -> Option<Violation> {
        let request = &exchange.request;
        if request.method() != Method::GET {
            return None;
        }
        let status = exchange.response.status();
        let url = request.uri().to_string();
        if status == StatusCode::OK {
            let kept = self.oks.entry(url).or_default();
            if kept.len() == KEPT_PER_URL {
                kept.pop_front();
            }
            kept.push_back(exchange.response.headers().clone());
            return None;
        }
        if status != StatusCode::NOT_MODIFIED {
            return None;
        }
        let headers = exchange.response.headers();
        let ok = self
            .oks
            .get(&url)?
            .iter()
            .rfind(|ok| revalidated(ok, request.headers()))?;
        let detail = crate::sweep::dropped_fields(ok, headers, status, Wire::Received)?;
        let target = url.parse::<Uri>().ok();
        let target = target
            .as_ref()
            .and_then(Uri::path_and_query)
            .map_or(exchange.route.as_str(), |p| p.as_str());
        Some(
            Violation::from_sweep(
                Rule::NOT_MODIFIED_DROPS_FIELDS,
                Method::GET,
                request.version(),
                target,
                Route::new(exchange.route.as_str()),
                status,
                headers,
                detail,
            )
            .with_exchange(index),
        )
    }
}

/// Whether a request with the fields `asked` revalidated the 200 with the fields `ok`.
fn revalidated(ok: &HeaderMap, asked: &HeaderMap) -> bool {
    let tag = ok.get(header::ETAG).and_then(|t| t.to_str().ok());
    let listed = asked
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| tag.is_some_and(|tag| v.split(',').any(|t| t.trim() == tag)));
    let date = ok.get(header::LAST_MODIFIED);
    let since = asked.get(header::IF_MODIFIED_SINCE);
    listed || (date.is_some() && date == since)
}
