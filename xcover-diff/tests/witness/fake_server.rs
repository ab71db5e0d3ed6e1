//! Compiled in the witness runner only (see `deployed.rs`), never in the test: a middleware
//! answering every request as NEW's spec documents it, and keeping every request sent.

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use xcover_runtime::reqwest_middleware::{self, Middleware, Next};
use xcover_runtime::serde_json::{self, json, Value};
use xcover_runtime::{http, reqwest};

/// The routes of every case, from the file the test wrote.
pub fn load(path: &str) -> Value {
    let text = std::fs::read_to_string(path).expect("routes file");
    serde_json::from_str(&text).expect("routes JSON")
}

#[derive(Clone)]
pub struct Fake {
    routes: Arc<Vec<Value>>,
    sent: Arc<Mutex<Vec<Value>>>,
}

impl Fake {
    pub fn new(routes: &Value, case: &str) -> Fake {
        let routes = routes
            .get(case)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        Fake {
            routes: Arc::new(routes),
            sent: Arc::default(),
        }
    }

    /// One JSON line: the case, its requests, and the error `deployed()` gave.
    pub fn report(&self, case: &str, result: Result<(), String>) {
        let line = json!({
            "case": case,
            "error": result.err(),
            "requests": *self.sent.lock().unwrap(),
        });
        println!("{line}");
    }

    fn route(&self, method: &str, path: &str) -> Option<&Value> {
        let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        let mut best: Option<(usize, &Value)> = None;
        for route in self.routes.iter() {
            if route["method"] != method {
                continue;
            }
            let template: Vec<&str> = route["template"]
                .as_str()
                .unwrap_or("")
                .trim_start_matches('/')
                .split('/')
                .collect();
            if template.len() != segments.len() {
                continue;
            }
            let mut literals = 0;
            let matches = template.iter().zip(&segments).all(|(part, segment)| {
                if part.starts_with('{') {
                    !segment.is_empty()
                } else {
                    literals += 1;
                    part == segment
                }
            });
            if matches && best.is_none_or(|(most, _)| literals > most) {
                best = Some((literals, route));
            }
        }
        best.map(|(_, route)| route)
    }
}

#[async_trait]
impl Middleware for Fake {
    async fn handle(
        &self,
        request: reqwest::Request,
        _extensions: &mut http::Extensions,
        _next: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        let url = request.url();
        let query: Vec<Value> = url
            .query_pairs()
            .map(|(name, value)| json!([name, value]))
            .collect();
        let headers: serde_json::Map<String, Value> = request
            .headers()
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    json!(String::from_utf8_lossy(value.as_bytes())),
                )
            })
            .collect();
        let body = request
            .body()
            .and_then(|body| body.as_bytes())
            .map(|bytes| String::from_utf8_lossy(bytes).into_owned());
        let method = request.method().as_str().to_owned();
        self.sent.lock().unwrap().push(json!({
            "method": method,
            "path": url.path(),
            "query": query,
            "headers": headers,
            "body": body,
        }));
        let mut response = http::Response::builder();
        let body = match self.route(&method, url.path()) {
            Some(route) => {
                response = response.status(route["status"].as_u64().unwrap_or(200) as u16);
                if let Some(content_type) = route["content_type"].as_str() {
                    response = response.header("content-type", content_type);
                }
                route["body"].as_str().unwrap_or("").to_owned()
            }
            None => {
                response = response.status(404);
                String::new()
            }
        };
        Ok(reqwest::Response::from(
            response.body(body).expect("a valid response"),
        ))
    }
}
