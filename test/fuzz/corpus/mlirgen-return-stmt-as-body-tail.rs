fn g() -> u32 { return 5; }
