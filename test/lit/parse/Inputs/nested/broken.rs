mod inner { mod deeper; }
fn g() { 1 + ; }
