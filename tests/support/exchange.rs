//! Parses the registry's example exchanges (`Rule::example`, `Rule::near_miss`): the request
//! head, a blank line, the response head (status code first), a blank line, the body.

use http::{Request, Response, StatusCode, Version};

use super::body::TestBody;

pub(crate) struct Exchange {
    pub(crate) request: Request<String>,
    pub(crate) response: Response<TestBody>,
}

pub(crate) fn parse(text: &'static str) -> Exchange {
    let (request_head, rest) = text.split_once("\n\n").expect("request head, blank line");
    let (response_head, body) = rest.split_once("\n\n").expect("response head, blank line");

    let mut lines = request_head.lines();
    let mut line = lines.next().unwrap().split(' ');
    let (method, target, version) = (
        line.next().unwrap(),
        line.next().unwrap(),
        line.next().unwrap(),
    );
    let mut request = Request::builder()
        .method(method)
        .uri(target)
        .version(match version {
            "HTTP/1.0" => Version::HTTP_10,
            "HTTP/1.1" => Version::HTTP_11,
            "HTTP/2" => Version::HTTP_2,
            "HTTP/3" => Version::HTTP_3,
            other => panic!("unknown version {other}"),
        });
    for field in lines {
        let (name, value) = field.split_once(':').unwrap();
        request = request.header(name, value.trim());
    }

    let mut lines = response_head.lines();
    let code: u16 = lines
        .next()
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let mut response = Response::builder().status(StatusCode::from_u16(code).unwrap());
    for field in lines {
        let (name, value) = field.split_once(':').unwrap();
        response = response.header(name, value.trim());
    }
    Exchange {
        request: request.body(String::new()).unwrap(),
        response: response.body(TestBody::full(body)).unwrap(),
    }
}

/// The exchange as it reads on the wire, for `RULES.md`.
pub(crate) fn render(text: &str) -> String {
    let (request_head, rest) = text.split_once("\n\n").unwrap();
    let (response_head, body) = rest.split_once("\n\n").unwrap();
    let version = request_head
        .lines()
        .next()
        .unwrap()
        .rsplit(' ')
        .next()
        .unwrap();
    let mut lines = response_head.lines();
    let first = lines.next().unwrap();
    let code: u16 = first.split(' ').next().unwrap().parse().unwrap();
    let reason = StatusCode::from_u16(code)
        .ok()
        .and_then(|s| s.canonical_reason())
        .map(|r| format!(" {r}"))
        .unwrap_or_default();
    let mut out = format!("{request_head}\n\n{version} {code}{reason}\n");
    for line in lines {
        out += line;
        out += "\n";
    }
    if !body.is_empty() {
        out += "\n";
        out += body;
        out += "\n";
    }
    out
}
