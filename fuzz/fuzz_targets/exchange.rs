//! Arbitrary exchanges for the fuzz targets: any method, version, status 100..=999, header
//! lines of any bytes, and a body of any shape (known size, unknown size, many frames,
//! trailers, an error mid-stream).

use std::{
    collections::VecDeque,
    fmt,
    pin::Pin,
    task::{Context, Poll},
};

use arbitrary::Arbitrary;
use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, Method, Request, Response, StatusCode, Version};
use http_body::{Body, Frame, SizeHint};

#[derive(Arbitrary, Debug)]
pub struct Exchange {
    method: u8,
    extension_method: Vec<u8>,
    version: u8,
    target: Vec<u8>,
    request_headers: Vec<(u8, Vec<u8>)>,
    status: u16,
    response_headers: Vec<(u8, Vec<u8>)>,
    body: Vec<Part>,
    exact_size: bool,
}

#[derive(Arbitrary, Debug)]
pub enum Part {
    Data(Vec<u8>),
    Trailers(Vec<(u8, Vec<u8>)>),
    Error,
}

/// Header names the rules look at, plus one they do not.
const NAMES: &[&str] = &[
    "content-length", "transfer-encoding", "content-type", "content-encoding",
    "content-language", "content-range", "location", "allow", "etag", "last-modified",
    "expires", "cache-control", "upgrade", "connection", "keep-alive", "proxy-connection", "te",
    "proxy-authenticate", "www-authenticate", "retry-after", "strict-transport-security",
    "alt-svc", "accept-patch", "accept-ranges", "link", "expect", "if-match", "if-none-match",
    "if-modified-since", "if-unmodified-since", "if-range", "range", "host", "accept",
    "access-control-request-method", "x-other",
];

fn headers(lines: &[(u8, Vec<u8>)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in lines {
        let name = HeaderName::from_static(NAMES[usize::from(*name) % NAMES.len()]);
        if let Ok(value) = HeaderValue::from_bytes(value) {
            map.append(name, value);
        }
    }
    map
}

impl Exchange {
    pub fn request(&self) -> Request<String> {
        let method = match self.method % 10 {
            0 => Method::GET,
            1 => Method::HEAD,
            2 => Method::POST,
            3 => Method::PUT,
            4 => Method::DELETE,
            5 => Method::CONNECT,
            6 => Method::OPTIONS,
            7 => Method::TRACE,
            8 => Method::PATCH,
            _ => Method::from_bytes(&self.extension_method).unwrap_or(Method::GET),
        };
        let version = match self.version % 5 {
            0 => Version::HTTP_09,
            1 => Version::HTTP_10,
            2 => Version::HTTP_11,
            3 => Version::HTTP_2,
            _ => Version::HTTP_3,
        };
        let mut request = Request::new(String::new());
        *request.method_mut() = method;
        *request.version_mut() = version;
        if let Ok(uri) = http::Uri::try_from(self.target.as_slice()) {
            *request.uri_mut() = uri;
        }
        *request.headers_mut() = headers(&self.request_headers);
        request
    }

    pub fn response(&self) -> Response<FuzzBody> {
        let status = StatusCode::from_u16(100 + self.status % 900).unwrap();
        let frames = self
            .body
            .iter()
            .map(|part| match part {
                Part::Data(data) => Ok(Frame::data(Bytes::copy_from_slice(data))),
                Part::Trailers(lines) => Ok(Frame::trailers(headers(lines))),
                Part::Error => Err(FuzzError),
            })
            .collect();
        let body = FuzzBody { frames, exact: self.exact_size.then(|| self.data_len()) };
        let mut response = Response::new(body);
        *response.status_mut() = status;
        *response.headers_mut() = headers(&self.response_headers);
        response
    }

    fn data_len(&self) -> u64 {
        self.body
            .iter()
            .map(|part| match part {
                Part::Data(data) => data.len() as u64,
                _ => 0,
            })
            .sum()
    }
}

#[derive(Debug)]
pub struct FuzzError;

impl fmt::Display for FuzzError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("body failed")
    }
}

impl std::error::Error for FuzzError {}

pub struct FuzzBody {
    frames: VecDeque<Result<Frame<Bytes>, FuzzError>>,
    exact: Option<u64>,
}

impl Body for FuzzBody {
    type Data = Bytes;
    type Error = FuzzError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, FuzzError>>> {
        Poll::Ready(self.frames.pop_front())
    }

    fn is_end_stream(&self) -> bool {
        self.frames.is_empty()
    }

    fn size_hint(&self) -> SizeHint {
        // An exact hint is only honest when no error or trailers cut the data short; the
        // fuzzer may lie anyway, as a buggy body could.
        self.exact.map_or_else(SizeHint::default, SizeHint::with_exact)
    }
}
