// The `shapes` module of ../file-modules.rs (checked through it).
pub mod area;
