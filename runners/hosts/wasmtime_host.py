"""The Wasmtime embedding host for one sample, through the official Python
bindings (`pip install wasmtime`). It drives the real engine with the same
tiers as the CLI and reports compile / instantiate / execute phases with the
guest line protocol, like runners/hosts/node-wasi-host.mjs.

It runs inside the timed process, so it imports only what it needs and parses
its own tiny argv (argparse alone costs milliseconds).

usage:
  wasmtime_host.py [engine options] MODULE [-- guest args...]     run a WASI command
  wasmtime_host.py [engine options] --compile-out FILE MODULE    compile, serialize, exit
  wasmtime_host.py [engine options] --call NAME [--calls N] [--warmup-calls N]
                   [--arg I32]... [--expect I32] MODULE          time calls to an export
  wasmtime_host.py --probe                                       JSON: version and tiers

engine options:
  --strategy cranelift|winch   code generator (default cranelift)
  --target pulley64            compile to Pulley bytecode and interpret it
  --cache-config FILE          enable the compilation cache with this private config
  --precompiled                MODULE is a serialized artifact (Module.serialize)

guest options (run only):
  --dir HOST::GUEST            preopen another host directory (read-only unless HOST ends in ::rw)
  --env NAME=VALUE             a guest environment variable

The cwd is preopened as the guest's `.`. A Sightglass module's bench.start /
bench.end imports are provided: each stamps time.perf_counter_ns(), printed
after the run as `@wb bench_start_ns` / `@wb bench_end_ns`.

exit: the guest's exit code; 134 on a trap (as the wasmtime CLI does); 1 when
the module cannot be compiled or loaded; 2 on bad usage.
"""
import os
import sys
import time

import wasmtime
from wasmtime import _ffi as ffi

# wasmtime_strategy_t in the C API: 0 auto, 1 cranelift, 2 winch. The
# high-level Config.strategy setter only accepts "auto" and "cranelift".
STRATEGIES = {"cranelift": 1, "winch": 2}
FLAGS_WITH_VALUE = {"--strategy", "--target", "--cache-config", "--compile-out",
                    "--call", "--calls", "--warmup-calls", "--arg", "--expect", "--dir", "--env"}


def fail(message, code=2):
    os.write(2, (message + "\n").encode())
    sys.exit(code)


def integer(flag, text):
    try:
        return int(text)
    except ValueError:
        fail(f"{flag} needs an integer, got {text!r}")


def parse(argv):
    opts = {"strategy": "cranelift", "target": None, "cache": None, "precompiled": False,
            "compile_out": None, "call": None, "calls": 1000, "warmup_calls": 100,
            "args": [], "expect": None, "probe": False, "module": None, "guest": [],
            "dirs": [], "env": []}
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--":
            opts["guest"] = argv[i + 1:]
            break
        if a in ("--precompiled", "--probe"):
            opts[a[2:]] = True
        elif a in FLAGS_WITH_VALUE:
            if i + 1 >= len(argv):
                fail(f"{a} needs a value")
            key, value = a[2:].replace("-", "_"), argv[i + 1]
            if key == "cache_config":
                key = "cache"
            if key in ("calls", "warmup_calls", "arg", "expect"):
                value = integer(a, value)
            if key == "arg":
                opts["args"].append(value)
            elif key in ("dir", "env"):
                opts[key + "s" if key == "dir" else "env"].append(value)
            else:
                opts[key] = value
            i += 1
        elif a.startswith("--"):
            fail(f"unknown option {a}")
        elif opts["module"] is None:
            opts["module"] = a
        else:
            opts["guest"] = argv[i:]
            break
        i += 1
    if opts["strategy"] not in STRATEGIES:
        fail(f"unknown --strategy {opts['strategy']} (cranelift or winch)")
    return opts


def engine(opts):
    config = wasmtime.Config()
    ffi.wasmtime_config_strategy_set(config.ptr(), STRATEGIES[opts["strategy"]])
    if opts["target"]:
        config.target = opts["target"]
    if opts["cache"]:
        config.cache = opts["cache"]
    return wasmtime.Engine(config)


def load(eng, opts):
    if opts["precompiled"]:
        try:
            return wasmtime.Module.deserialize_file(eng, opts["module"])
        except wasmtime.WasmtimeError as err:
            fail(f"cannot load precompiled {opts['module']} (built by another engine version or "
                 f"with other flags? rebuild it): {err}", 1)
    return wasmtime.Module.from_file(eng, opts["module"])


BENCH = {}


def define_bench(linker, store):
    """Sightglass markers: stamp the monotonic clock, print after the run."""
    now = time.perf_counter_ns
    empty = wasmtime.FuncType([], [])
    linker.define_func("bench", "start", empty, lambda: BENCH.__setitem__("start", now()))
    linker.define_func("bench", "end", empty, lambda: BENCH.__setitem__("end", now()))


def preopen(wasi, spec):
    host, _, guest = spec.partition("::")
    writable = guest.endswith("::rw")
    guest = guest[:-4] if writable else guest
    if not writable and hasattr(wasmtime, "DirPerms"):
        wasi.preopen_dir(host, guest or host, wasmtime.DirPerms.READ_ONLY, wasmtime.FilePerms.READ_ONLY)
    else:
        wasi.preopen_dir(host, guest or host)


def instantiate(eng, module, argv, opts=None):
    linker = wasmtime.Linker(eng)
    linker.define_wasi()
    store = wasmtime.Store(eng)
    define_bench(linker, store)
    wasi = wasmtime.WasiConfig()
    wasi.argv = argv
    if opts and opts["env"]:
        wasi.env = [tuple(e.split("=", 1)) for e in opts["env"]]
    wasi.inherit_stdin()  # CGI-style guests read their request from stdin
    wasi.inherit_stdout()
    wasi.inherit_stderr()
    wasi.preopen_dir(".", ".")
    for spec in (opts or {}).get("dirs", []):
        preopen(wasi, spec)
    store.set_wasi(wasi)
    return store, linker.instantiate(store, module)


def report(pairs):
    os.write(1, "".join(f"@wb {k} {v}\n" for k, v in pairs).encode())


def run_command(eng, opts):
    t0 = time.perf_counter_ns()
    module = load(eng, opts)
    t1 = time.perf_counter_ns()
    store, instance = instantiate(eng, module, [os.path.basename(opts["module"])] + opts["guest"], opts)
    start = instance.exports(store)["_start"]
    t2 = time.perf_counter_ns()
    code = 0
    try:
        start(store)
    except wasmtime.ExitTrap as exit_trap:
        code = exit_trap.code
    except wasmtime.Trap as trap:
        os.write(2, f"wasm trap: {trap}\n".encode())
        return 134
    t3 = time.perf_counter_ns()
    region = [("bench_start_ns", BENCH["start"]), ("bench_end_ns", BENCH["end"])] if len(BENCH) == 2 else []
    report(region + [("compile_ns", t1 - t0), ("instantiate_ns", t2 - t1), ("execute_ns", t3 - t2)])
    return code


def compile_out(eng, opts):
    t0 = time.perf_counter_ns()
    module = wasmtime.Module.from_file(eng, opts["module"])
    t1 = time.perf_counter_ns()
    with open(opts["compile_out"], "wb") as out:
        out.write(module.serialize())
    report([("compile_ns", t1 - t0)])
    return 0


def time_calls(eng, opts):
    """Warm up, then time each call on its own: one @wb call_ns line per call."""
    module = load(eng, opts)
    store, instance = instantiate(eng, module, [os.path.basename(opts["module"])])
    exports = instance.exports(store)
    if "_initialize" in exports:
        exports["_initialize"](store)
    if opts["call"] not in exports or not isinstance(exports[opts["call"]], wasmtime.Func):
        fail(f"the module exports no function \"{opts['call']}\"", 1)
    func, args, now = exports[opts["call"]], opts["args"], time.perf_counter_ns
    result = func(store, *args)
    if opts["expect"] is not None and result != opts["expect"]:
        fail(f"{opts['call']}({', '.join(map(str, args))}) returned {result}, expected {opts['expect']}", 1)
    for _ in range(opts["warmup_calls"]):
        func(store, *args)
    samples = [0] * opts["calls"]
    for i in range(opts["calls"]):
        t0 = now()
        func(store, *args)
        samples[i] = now() - t0
    # The cost of the two clock reads, so readers can judge the floor.
    t0 = now()
    overhead = now() - t0
    report([("call_ns", s) for s in samples] + [("call_timer_overhead_ns", overhead)])
    return 0


PROBE_WAT = '(module (func (export "f") (result i32) i32.const 7))'


def probe():
    """Which tiers this build really has: compile and call a tiny module on each."""
    import json
    from importlib.metadata import version
    tiers = {}
    for name, opts in (("cranelift", {"strategy": "cranelift", "target": None}),
                       ("winch", {"strategy": "winch", "target": None}),
                       ("pulley64", {"strategy": "cranelift", "target": "pulley64"})):
        try:
            eng = engine({**opts, "cache": None})
            store = wasmtime.Store(eng)
            instance = wasmtime.Instance(store, wasmtime.Module(eng, wasmtime.wat2wasm(PROBE_WAT)), [])
            ok = instance.exports(store)["f"](store) == 7
            tiers[name] = {"ok": ok} if ok else {"ok": False, "error": "wrong result"}
        except Exception as err:  # any failure means the tier is unusable here
            tiers[name] = {"ok": False, "error": str(err).splitlines()[0] if str(err) else type(err).__name__}
    print(json.dumps({"version": version("wasmtime"), "python": sys.version.split()[0],
                      "executable": sys.executable, "tiers": tiers}))
    return 0


def main(argv):
    opts = parse(argv)
    if opts["probe"]:
        return probe()
    if opts["module"] is None:
        fail(__doc__.strip())
    try:
        eng = engine(opts)
        if opts["compile_out"]:
            return compile_out(eng, opts)
        if opts["call"]:
            return time_calls(eng, opts)
        return run_command(eng, opts)
    except wasmtime.WasmtimeError as err:
        os.write(2, f"wasmtime: {err}\n".encode())
        return 1
    except OSError as err:
        os.write(2, f"cannot read {opts['module']}: {err.strerror or err}\n".encode())
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
