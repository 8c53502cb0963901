//! Crate docs.
/// Outer doc.
/** Block doc */
/*! inner block */
/* nested /* block */ comment */
#[kernel]
pub fn r#k(r#in: &[u32], out: &mut [u32]) {
    // plain comment
    let s = "a string \x41 \u{1F600} \n";
    let r = r#"raw "string""#;
    let bs = b"bytes\xFF";
    let ch = '\'';
    out[0] = r#in[0];
}
