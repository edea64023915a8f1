// Build time: add Pyodide's own bytecode to the site's pure-Python wheels (see precompile.py).
// Usage: node precompile.mjs <pyodide core dir> <package,package,...> <stdlib target> (<wheel> <target>)...
// The core dir holds the site's pyodide-lock.json and wheels; the packages are loaded from them
// as the kernel preloads them, then the modules a session imports are recorded and compiled.
import { readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const [core, preload, stdlib, ...pairs] = process.argv.slice(2);
const { loadPyodide } = await import(join(resolve(core), "pyodide.mjs"));
const pyodide = await loadPyodide({ indexURL: resolve(core) + "/" });
await pyodide.loadPackage(preload.split(","), { messageCallback: () => {} });
pyodide.runPython(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "precompile.py"), "utf8"));
const wanted = pyodide.globals.get("imported")();
console.log(`${wanted.length} modules imported before the first diagram`);
const count = pyodide.globals.get("precompile_stdlib")("/tmp/stdlib.zip", wanted);
writeFileSync(resolve(stdlib), pyodide.FS.readFile("/tmp/stdlib.zip"));
console.log(`  python_stdlib.zip: ${count} pyc`);
const precompile = pyodide.globals.get("precompile");
for (let i = 0; i < pairs.length; i += 2) {
  const [wheel, target] = pairs.slice(i, i + 2).map((p) => resolve(p));
  pyodide.FS.writeFile("/tmp/in.whl", readFileSync(wheel));
  const count = precompile("/tmp/in.whl", "/tmp/out.whl", wanted);
  writeFileSync(target, pyodide.FS.readFile("/tmp/out.whl"));
  console.log(`  ${basename(wheel)}: ${count} pyc`);
}
