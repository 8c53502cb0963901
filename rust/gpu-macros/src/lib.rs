//! `#[kernel]` for the `gpu` stand-in crate (see docs/rust-fidelity.md).
//!
//! Hematite reads `#[kernel]` and `#[kernel(max_threads = N)]` itself; under rustc
//! the attribute only has to exist, accept what Hematite accepts, and reject what
//! Hematite rejects. It returns the item unchanged.
//!
//! Built with plain rustc and nothing but the sysroot's `proc_macro`:
//!     rustc --edition 2021 --crate-type proc-macro --crate-name gpu_macros src/lib.rs
//! Keep it compiling with rustc 1.63 (Debian 12's): no newer language features.

extern crate proc_macro;

use proc_macro::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

/// Marks a `pub fn` as a kernel entry point. `#[kernel(max_threads = N)]` states the
/// launch bound, a positive integer literal that fits in `u32`.
#[proc_macro_attribute]
pub fn kernel(attr: TokenStream, item: TokenStream) -> TokenStream {
    match check_args(attr) {
        Ok(()) => check_item(item),
        Err((span, msg)) => {
            let mut out = compile_error(span, &msg);
            out.extend(item);
            out
        }
    }
}

const EXPECTED: &str = "malformed `kernel` attribute: expected `#[kernel]` or `#[kernel(max_threads = N)]`";

fn check_args(attr: TokenStream) -> Result<(), (Span, String)> {
    let toks: Vec<TokenTree> = attr.into_iter().collect();
    if toks.is_empty() {
        return Ok(());
    }
    let first_span = toks[0].span();
    match &toks[0] {
        TokenTree::Ident(id) if id.to_string() == "max_threads" => {}
        TokenTree::Ident(id) => {
            return Err((id.span(), format!("malformed `kernel` attribute: unknown argument `{}`; expected `max_threads = N`", id)));
        }
        _ => return Err((first_span, EXPECTED.to_string())),
    }
    match toks.get(1) {
        Some(TokenTree::Punct(p)) if p.as_char() == '=' && p.spacing() == Spacing::Alone => {}
        Some(t) => return Err((t.span(), EXPECTED.to_string())),
        None => return Err((first_span, EXPECTED.to_string())),
    }
    let lit = match toks.get(2) {
        Some(TokenTree::Literal(l)) => l,
        Some(t) => {
            return Err((t.span(), "malformed `kernel` attribute: `max_threads` must be a positive integer literal".to_string()))
        }
        None => return Err((first_span, EXPECTED.to_string())),
    };
    match parse_int(&lit.to_string()) {
        Some(v) if v >= 1 && v <= u32::MAX as u128 => {}
        _ => {
            return Err((
                lit.span(),
                "malformed `kernel` attribute: `max_threads` must be a positive integer literal that fits in `u32`".to_string(),
            ))
        }
    }
    // One trailing comma, as in any attribute's argument list.
    let mut rest = 3;
    if let Some(TokenTree::Punct(p)) = toks.get(3) {
        if p.as_char() == ',' {
            rest = 4;
        }
    }
    if let Some(t) = toks.get(rest) {
        return Err((t.span(), EXPECTED.to_string()));
    }
    Ok(())
}

/// An integer literal's value (`256`, `1_024`, `0x100`, `256u32`), or None.
fn parse_int(text: &str) -> Option<u128> {
    let (radix, body) = if text.starts_with("0x") {
        (16, &text[2..])
    } else if text.starts_with("0o") {
        (8, &text[2..])
    } else if text.starts_with("0b") {
        (2, &text[2..])
    } else {
        (10, text)
    };
    let suffixes = ["u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize"];
    let mut digits = body;
    for s in suffixes.iter() {
        if digits.ends_with(s) {
            digits = &digits[..digits.len() - s.len()];
            break;
        }
    }
    let digits: String = digits.chars().filter(|c| *c != '_').collect();
    if digits.is_empty() {
        return None;
    }
    u128::from_str_radix(&digits, radix).ok()
}

/// `#[kernel]` goes on functions only; anything else is an error (as in Hematite).
fn check_item(item: TokenStream) -> TokenStream {
    let mut is_fn = false;
    let mut span = Span::call_site();
    for t in item.clone() {
        match &t {
            TokenTree::Ident(id) => {
                let s = id.to_string();
                if s == "fn" {
                    is_fn = true;
                    break;
                }
                // Qualifiers and visibility may precede `fn`.
                if s == "pub" || s == "unsafe" || s == "const" || s == "async" || s == "extern" || s == "crate" || s == "in" || s == "self" || s == "super" {
                    continue;
                }
                span = id.span();
                break;
            }
            // Outer attributes (`#[inline]`), `pub(crate)`, an ABI string.
            TokenTree::Punct(_) | TokenTree::Group(_) | TokenTree::Literal(_) => continue,
        }
    }
    if is_fn {
        return item;
    }
    let mut out = compile_error(span, "`#[kernel]` can only be applied to functions");
    out.extend(item);
    out
}

/// `compile_error! { "msg" }` whose tokens carry `span`, so rustc points there.
fn compile_error(span: Span, msg: &str) -> TokenStream {
    let mut lit = Literal::string(msg);
    lit.set_span(span);
    let mut bang = Punct::new('!', Spacing::Alone);
    bang.set_span(span);
    let mut body = Group::new(Delimiter::Brace, TokenStream::from(TokenTree::Literal(lit)));
    body.set_span(span);
    let toks = vec![
        TokenTree::Ident(Ident::new("compile_error", span)),
        TokenTree::Punct(bang),
        TokenTree::Group(body),
    ];
    toks.into_iter().collect()
}
