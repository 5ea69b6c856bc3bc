//! QUERY (RFC 10008): a success to a QUERY without a media type, the syntax of `Accept-Query`,
//! and a 415 to QUERY that names no format. What QUERY changes in other topics (safety,
//! conditional requests, ranges, `Location` on a 2xx) lives with those topics.

use http::header::HeaderName;

use super::{Ctx, Fields};
use crate::{
    facts::Present,
    syntax::structured::{self, Bare},
    Rule,
};

const ACCEPT_QUERY: HeaderName = HeaderName::from_static("accept-query");

/// A 2xx to QUERY.
pub(super) fn success(cx: &mut Ctx<'_>) {
    cx.flag_if(Rule::QUERY_SUCCESS_WITHOUT_CONTENT_TYPE, |cx| {
        !cx.facts.has(Present::CONTENT_TYPE)
    });
}

/// A 415 to QUERY.
pub(super) fn unsupported_media_type(cx: &mut Ctx<'_>) {
    // `Accept` is RFC 10008 Appendix A.3's alternative; `Accept-Encoding` answers a 415 for
    // an unsupported content coding (RFC 9110 §15.5.16).
    cx.flag_if(Rule::UNSUPPORTED_MEDIA_TYPE_QUERY_WITHOUT_FORMATS, |cx| {
        cx.facts.has(Present::CONTENT_TYPE)
            && !cx.fields.any(
                Fields::ACCEPT_QUERY
                    .union(Fields::ACCEPT)
                    .union(Fields::ACCEPT_ENCODING),
            )
    });
}

/// Any response with `Accept-Query`.
pub(super) fn accept_query(cx: &mut Ctx<'_>) {
    cx.flag_if(Rule::ACCEPT_QUERY_INVALID, |cx| {
        !cx.headers.get_all(ACCEPT_QUERY).iter().all(|line| {
            structured::each_member(line.as_bytes(), |member| {
                let range = match member.item {
                    Bare::Token(text) | Bare::String(text) => text,
                    Bare::Other => return false,
                };
                member.text_parameters && structured::is_media_range(range)
            })
        })
    });
}

// The rules this module checks, each with its documentation, metadata and example
// exchanges; the index (`src/registry.rs`) gives each its number.
crate::rule::declare! {
    scope: Exchange;
    repair: none;

    /// ### What it checks
    /// A 2xx to a QUERY request that carried no `Content-Type`.
    ///
    /// ### Why it matters
    /// RFC 10008 §2: "Servers MUST fail the request if the Content-Type request field is
    /// missing or is inconsistent with the request content." The content of a QUERY and its
    /// media type define the query; a server that answers one without a media type has guessed
    /// what was asked ("a server is not allowed to infer a media type from the request content",
    /// §2.1), and a cache keyed on the content and its metadata (§2.7) stores that guess. §2.1
    /// names the status: "it is incorrect by definition and needs to fail with a 4xx status
    /// code such as 400". The requirement is on the server that answers; whether the content
    /// is *inconsistent* with its type cannot be judged from the head, and is not.
    QUERY_SUCCESS_WITHOUT_CONTENT_TYPE = "query-success-without-content-type" {
        fields: [],
        reads: [CONTENT_TYPE],
        requirement: Must,
        spec: "RFC 10008 §2",
        url: "https://www.rfc-editor.org/rfc/rfc10008#section-2",
        summary: "2xx to a QUERY without Content-Type",
        repair: [],
        default: Log,
        example: "QUERY /contacts HTTP/1.1\ncontent-length: 8\n\n200 OK\ncontent-type: text/csv\n\nname\nann",
        near_miss: "QUERY /contacts HTTP/1.1\ncontent-type: application/sql\ncontent-length: 8\n\n200 OK\ncontent-type: text/csv\n\nname\nann",
    }

    /// ### What it checks
    /// An `Accept-Query` field line that a recipient cannot take as RFC 10008 defines it: not a
    /// Structured Field List (RFC 9651 §4.2: a trailing comma, an uppercase parameter name,
    /// a space before `;`, …), a member that is not a Token or a String (a number, an inner
    /// list), a parameter whose value is neither (`q=0.5`, or a bare `;x`, which is the Boolean
    /// true), or a member that is not a media range of the forms allowed (`json`, `*/json`).
    ///
    /// ### Why it matters
    /// RFC 10008 §3: "Accept-Query contains a list of media ranges … using "Structured Fields"
    /// syntax", "represented by a List Structured Header Field of either Tokens or Strings";
    /// parameters are "mapped to Structured Field Parameters with the String or Token type";
    /// "The only supported uses of wildcards are "*/*" … or "xxxx/*"". The field "MUST be
    /// processed as specified in RFC 9651 §4", where a value that fails to parse is ignored
    /// whole: the client learns no format at all. Written like `Accept` (with `q` weights), it
    /// looks right and is lost. A rule of the field's grammar, on the server that sends it.
    ACCEPT_QUERY_INVALID = "accept-query-invalid" {
        fields: ["accept-query"],
        requirement: Must,
        spec: "RFC 10008 §3",
        url: "https://www.rfc-editor.org/rfc/rfc10008#section-3",
        summary: "Accept-Query is not a Structured Fields list of media ranges",
        repair: [],
        default: Log,
        example: "OPTIONS /contacts HTTP/1.1\n\n200 OK\nallow: GET, HEAD, OPTIONS, QUERY\naccept-query: application/sql, text/*;q=0.5\n\n",
        near_miss: "OPTIONS /contacts HTTP/1.1\n\n200 OK\nallow: GET, HEAD, OPTIONS, QUERY\naccept-query: application/sql;charset=\"UTF-8\", \"text/*\"\n\n",
    }

    /// ### What it checks
    /// A 415 (Unsupported Media Type) to a QUERY that named its media type, with none of
    /// `Accept-Query`, `Accept` and `Accept-Encoding`: nothing tells the client which query
    /// formats (or content codings) would be accepted. A QUERY without `Content-Type` is not
    /// judged: RFC 10008 §2.1 calls that request "incorrect by definition" and suggests a 400,
    /// not a list of formats.
    ///
    /// ### Why it matters
    /// RFC 10008 §2.1: for a media type "not supported by the resource, a 415 (Unsupported Media
    /// Type) is appropriate … In both cases, the Accept-Query response field can be used to
    /// inform the client of the media types that are supported"; its Appendix A.3 shows `Accept`
    /// on the 415 as the alternative, and RFC 9110 §15.5.16 names `Accept-Encoding` for an
    /// unsupported coding. "can be used" is no requirement: advice.
    UNSUPPORTED_MEDIA_TYPE_QUERY_WITHOUT_FORMATS = "unsupported-media-type-query-without-formats" {
        fields: ["accept-query", "accept", "accept-encoding"],
        reads: [CONTENT_TYPE],
        requirement: Advisory,
        spec: "RFC 10008 §2.1",
        url: "https://www.rfc-editor.org/rfc/rfc10008#section-2.1",
        summary: "415 to QUERY naming no accepted format",
        repair: [],
        default: Log,
        example: "QUERY /contacts HTTP/1.1\ncontent-type: text/plain\ncontent-length: 5\n\n415 Unsupported Media Type\ncontent-type: text/plain\n\nno",
        near_miss: "QUERY /contacts HTTP/1.1\ncontent-type: text/plain\ncontent-length: 5\n\n415 Unsupported Media Type\naccept-query: application/sql\ncontent-type: text/plain\n\nno",
    }
}
