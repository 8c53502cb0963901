fn h() { let y = ; }
