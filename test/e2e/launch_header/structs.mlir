// A module as MLIRGen will write it once kernels take #[repr(C)] structs: the header
// mirrors them (struct_use.cpp compiles it; the static_asserts check the layout
// against this compiler's).
module attributes {
  hm.kernel_signatures = {step = ["Params", "&[Particle]", "&mut [Particle]"]},
  hm.repr_c = {
    Params = [["dt", "f32"], ["count", "u64"], ["wrap", "bool"], ["tag", "i8"]],
    Particle = [["id", "u16"], ["pos", "[f32; 3]"], ["p", "Params"], ["m", "[[u8; 3]; 2]"], ["w", "f64"]]
  }} {
  func.func @step(%p: i32 {hm.name = "p"}, %x: !hm.slice<i8> {hm.name = "x"},
                  %y: !hm.slice<mut i8> {hm.name = "y"}) attributes {hm.kernel} {
    return
  }
}
