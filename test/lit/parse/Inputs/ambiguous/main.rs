mod both;

pub fn f() {}
