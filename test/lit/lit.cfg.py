# lit configuration for Hematite's FileCheck tests.
import os
import lit.formats

config.name = "Hematite"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".rs", ".mlir"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(os.path.dirname(config.hematite_bin_dir), "test", "lit-out")
config.excludes = ["Inputs", "lit.cfg.py", "CMakeLists.txt"]

config.environment["PATH"] = os.pathsep.join(
    [config.hematite_bin_dir, config.llvm_tools_dir, config.environment.get("PATH", "")])
config.substitutions.append(("%hematite", os.path.join(config.hematite_bin_dir, "hematite")))
config.substitutions.append(("%hm-opt", os.path.join(config.hematite_bin_dir, "hematite-opt")))
config.substitutions.append(("%examples", os.path.join(config.hematite_src_root, "examples")))

# ptxas checks run where the CUDA toolkit is; elsewhere those tests report
# UNSUPPORTED, so the summary says what was skipped.
if config.ptxas:
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", config.ptxas))
    config.substitutions.append(("%cuda_home", os.path.dirname(os.path.dirname(config.ptxas))))

# libdevice: CMake compiles the one beside the toolkit's ptxas into hematite
# (cmake/HematiteCUDA.cmake); without it sin/exp/... are refused for sm_XX.
if config.ptxas and os.path.exists(os.path.join(
        os.path.dirname(os.path.dirname(config.ptxas)), "nvvm", "libdevice", "libdevice.10.bc")):
    config.available_features.add("libdevice")

# ocml: hematite looks for ROCm's device libraries at run time (backends/amdgcn/
# ocml.cpp); the same places here, so the tests know what it will find.
_ocml_roots = [os.environ.get("ROCM_PATH", ""), "/opt/rocm", "/usr/lib/x86_64-linux-gnu", "/usr/lib"]
if os.environ.get("HEMATITE_OCML") or any(
        r and os.path.exists(os.path.join(r, "amdgcn", "bitcode", "ocml.bc")) for r in _ocml_roots):
    config.available_features.add("ocml")
for _var in ["HEMATITE_OCML", "ROCM_PATH"]:
    if _var in os.environ:
        config.environment[_var] = os.environ[_var]

import sys
config.substitutions.append(("%python", sys.executable))
