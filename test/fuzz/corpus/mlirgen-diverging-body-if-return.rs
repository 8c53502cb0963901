fn returns(x: u32) -> u32 { if x > 0 { return x; } else { return 0; } }
