fn f() {
    let a = 0x;
    let b = 1e;
    let c = 12abc;
    let d = 0b102;
    let e = 99999999999999999999999;
    let f = 1.0u32;
    let g = 0x1f32;
    let h = '';
    let i = 'ab';
    let j = b'é';
    let k = "\q \u{D800} \x80";
    let l = ¤;
    let m = br#"unterminated
}
/* unterminated
