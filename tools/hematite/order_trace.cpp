// hematite-order-trace: the function order for the static hematite's link
// (HEMATITE_STATIC_LLVM; docs/benchmarks.md, "Compile speed").
//
//   hematite-order-trace OUTPUT BINARY -- ARGS... [-- ARGS...]...
//
// Runs BINARY once per argument list under ptrace, with a breakpoint on the
// first byte of every function in its symbol table, and writes to OUTPUT the
// names of the functions that ran, one per line: first those the first run
// ran, then those the second run added, and so on, each group in BINARY's
// address order. lld's --symbol-ordering-file then puts those functions next
// to each other: a compile of saxpy runs about 13,000 of 155,000 functions,
// 7 MB of 58 MB of code, and scattered over the whole executable they cost
// hundreds of page faults per run.
//
// Only which functions each run ran is taken from the runs, not the order in
// which they ran, so OUTPUT does not depend on timing or addresses: the same
// BINARY and runs give the same file. List the most common compile first: the
// functions that only the other runs need then lie after its functions, not
// between them. If tracing is not possible (ptrace forbidden, an unexpected
// executable), it says why and writes an empty OUTPUT: the link then keeps
// the default order and only the speed-up is lost.
//
// Host tool, Linux x86-64 only; no LLVM. BINARY must be a non-PIE executable
// (its functions' addresses are its symbols' values) that does not fork.
#include <elf.h>
#include <sched.h>
#include <fcntl.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <functional>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

struct Function {
  uint64_t address;
  std::vector<std::string> names;
  unsigned char original = 0;
  bool ran = false;
  size_t firstRun = 0; // the index of the first run that ran it
};

bool readFile(const char *path, std::string &bytes) {
  int fd = open(path, O_RDONLY);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) {
    if (fd >= 0)
      close(fd);
    return false;
  }
  bytes.resize(st.st_size);
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = read(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0)
      break;
    done += n;
  }
  close(fd);
  return done == bytes.size();
}

/// The defined, sized functions of an x86-64 ET_EXEC file, by address.
bool readFunctions(const std::string &elf, std::vector<Function> &out, std::string &error) {
  if (elf.size() < sizeof(Elf64_Ehdr) || std::memcmp(elf.data(), ELFMAG, SELFMAG) != 0) {
    error = "not an ELF file";
    return false;
  }
  Elf64_Ehdr header;
  std::memcpy(&header, elf.data(), sizeof header);
  if (header.e_ident[EI_CLASS] != ELFCLASS64 || header.e_machine != EM_X86_64) {
    error = "not an x86-64 executable";
    return false;
  }
  if (header.e_type != ET_EXEC) {
    error = "a position-independent executable (its addresses are not its symbols')";
    return false;
  }
  auto section = [&](unsigned i) {
    Elf64_Shdr s;
    std::memcpy(&s, elf.data() + header.e_shoff + uint64_t(i) * header.e_shentsize, sizeof s);
    return s;
  };
  std::map<uint64_t, Function> byAddress;
  for (unsigned i = 0; i < header.e_shnum; ++i) {
    Elf64_Shdr symtab = section(i);
    if (symtab.sh_type != SHT_SYMTAB)
      continue;
    Elf64_Shdr strtab = section(symtab.sh_link);
    for (uint64_t off = 0; off + sizeof(Elf64_Sym) <= symtab.sh_size; off += sizeof(Elf64_Sym)) {
      Elf64_Sym sym;
      std::memcpy(&sym, elf.data() + symtab.sh_offset + off, sizeof sym);
      if (ELF64_ST_TYPE(sym.st_info) != STT_FUNC || sym.st_size == 0 ||
          sym.st_shndx == SHN_UNDEF || sym.st_shndx >= SHN_LORESERVE)
        continue;
      Function &f = byAddress[sym.st_value];
      f.address = sym.st_value;
      f.names.push_back(elf.data() + strtab.sh_offset + sym.st_name);
    }
  }
  if (byAddress.empty()) {
    error = "no function symbols (stripped?)";
    return false;
  }
  for (auto &entry : byAddress)
    out.push_back(std::move(entry.second));
  return true;
}

Function *find(std::vector<Function> &functions, uint64_t address) {
  auto it = std::lower_bound(functions.begin(), functions.end(), address,
                             [](const Function &f, uint64_t a) { return f.address < a; });
  return it != functions.end() && it->address == address ? &*it : nullptr;
}

/// Runs `argv` under ptrace with a breakpoint on every function not yet seen
/// to run; marks the ones that run. Returns false (with `error`) if it could
/// not trace at all.
bool trace(std::vector<Function> &functions, const std::vector<char *> &argv,
           size_t run, std::string &error) {
  pid_t pid = fork();
  if (pid < 0) {
    error = std::string("fork: ") + std::strerror(errno);
    return false;
  }
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0)
      dup2(devnull, STDOUT_FILENO);
    personality(ADDR_NO_RANDOMIZE);
    if (ptrace(PTRACE_TRACEME, 0, nullptr, nullptr) != 0)
      _exit(126);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  if (waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status)) {
    error = WIFEXITED(status) && WEXITSTATUS(status) == 126 ? "ptrace is not permitted here"
                                                            : "cannot start " + std::string(argv[0]);
    return false;
  }
  ptrace(PTRACE_SETOPTIONS, pid, nullptr,
         PTRACE_O_EXITKILL | PTRACE_O_TRACECLONE);
  std::string memPath = "/proc/" + std::to_string(pid) + "/mem";
  int mem = open(memPath.c_str(), O_RDWR);
  if (mem < 0) {
    error = "cannot open " + memPath + ": " + std::strerror(errno);
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return false;
  }
  // One read of the whole code range, then one write per page that gets
  // breakpoints (a write per breakpoint is 155,000 system calls; writing the
  // whole range back copies every page of it).
  uint64_t first = functions.front().address, last = functions.back().address + 1;
  std::string code(last - first, '\0');
  if (pread(mem, code.data(), code.size(), first) != ssize_t(code.size())) {
    error = "cannot read the traced process's code";
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    close(mem);
    return false;
  }
  for (size_t i = 0; i < functions.size();) {
    uint64_t page = functions[i].address & ~uint64_t(4095);
    uint64_t begin = 0, end = 0;
    for (; i < functions.size() && (functions[i].address & ~uint64_t(4095)) == page; ++i) {
      Function &f = functions[i];
      f.original = static_cast<unsigned char>(code[f.address - first]);
      if (f.ran)
        continue;
      code[f.address - first] = char(0xCC);
      if (begin == end)
        begin = f.address;
      end = f.address + 1;
    }
    if (begin != end &&
        pwrite(mem, code.data() + (begin - first), end - begin, begin) != ssize_t(end - begin)) {
      error = "cannot write breakpoints into the traced process";
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      close(mem);
      return false;
    }
  }
  // Every thread of the process stops here; a breakpoint is taken out when
  // first hit (another thread may hit it before that: it just goes back).
  pid_t stopped = pid;
  int signal = 0;
  for (;;) {
    ptrace(PTRACE_CONT, stopped, nullptr, reinterpret_cast<void *>(intptr_t(signal)));
    signal = 0;
    stopped = waitpid(-1, &status, __WALL);
    if (stopped < 0)
      break;
    if (WIFEXITED(status) || WIFSIGNALED(status)) {
      if (stopped == pid)
        break;
      continue;
    }
    if (!WIFSTOPPED(status))
      continue;
    if (status >> 8 == (SIGTRAP | (PTRACE_EVENT_CLONE << 8)))
      continue; // a new thread; it starts stopped and is continued below
    int sig = WSTOPSIG(status);
    if (sig == SIGSTOP)
      continue; // a new thread's first stop
    if (sig != SIGTRAP) {
      signal = sig;
      continue;
    }
    user_regs_struct regs;
    ptrace(PTRACE_GETREGS, stopped, nullptr, &regs);
    Function *f = find(functions, regs.rip - 1);
    if (!f) {
      signal = SIGTRAP;
      continue;
    }
    if (!f->ran) {
      f->ran = true;
      f->firstRun = run;
      pwrite(mem, &f->original, 1, f->address);
    }
    regs.rip -= 1;
    ptrace(PTRACE_SETREGS, stopped, nullptr, &regs);
  }
  close(mem);
  if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
    std::fprintf(stderr, "hematite-order-trace: warning: %s exited with %d\n", argv[0],
                 WEXITSTATUS(status));
  return true;
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: hematite-order-trace OUTPUT BINARY -- ARGS... [-- ARGS...]...\n");
    return 2;
  }
  const char *output = argv[1];
  const char *binary = argv[2];
  std::vector<std::vector<char *>> runs;
  for (int i = 3; i < argc; ++i) {
    if (std::strcmp(argv[i], "--") == 0) {
      runs.push_back({const_cast<char *>(binary)});
      continue;
    }
    if (runs.empty()) {
      std::fprintf(stderr, "hematite-order-trace: expected -- before '%s'\n", argv[i]);
      return 2;
    }
    runs.back().push_back(argv[i]);
  }
  // Tracer and traced process on one CPU: each breakpoint hands the CPU from
  // one to the other, which is twice as fast as waking another CPU.
  int cpu = sched_getcpu();
  if (cpu >= 0) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    sched_setaffinity(0, sizeof set, &set);
  }
  std::vector<Function> functions;
  std::string elf, error;
  bool ok = readFile(binary, elf);
  if (!ok)
    error = std::string("cannot read ") + binary;
  else
    ok = readFunctions(elf, functions, error);
  for (size_t i = 0; i < runs.size() && ok; ++i) {
    runs[i].push_back(nullptr);
    ok = trace(functions, runs[i], i, error);
  }
  std::ofstream out(output, std::ios::trunc);
  if (!out) {
    std::fprintf(stderr, "hematite-order-trace: cannot write %s\n", output);
    return 1;
  }
  if (!ok) {
    std::fprintf(stderr,
                 "hematite-order-trace: warning: cannot trace %s (%s); the link keeps the "
                 "default function order\n",
                 binary, error.c_str());
    return 0;
  }
  std::vector<const Function *> ran;
  for (const Function &f : functions)
    if (f.ran)
      ran.push_back(&f);
  // Ties keep the table's order (the pointers are into `functions`). std::sort on
  // a total order: libstdc++ 12's stable_sort draws a deprecation warning from clang.
  std::sort(ran.begin(), ran.end(), [](const Function *a, const Function *b) {
    return a->firstRun != b->firstRun ? a->firstRun < b->firstRun
                                      : std::less<const Function *>()(a, b);
  });
  std::set<std::string> written;
  for (const Function *f : ran)
    for (const std::string &name : f->names)
      if (written.insert(name).second)
        out << name << '\n';
  std::fprintf(stderr, "hematite-order-trace: %zu of %zu functions ran\n", ran.size(),
               functions.size());
  return 0;
}
