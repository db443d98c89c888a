"""Regenerates the view_api golden files from Gradio's own code.

For each NAME.json here (a real Gradio 6.25 /gradio_api/info document), it
writes NAME.txt and NAME.all.txt: what gradio_client's Client.view_api()
and view_api(all_endpoints=True) print for it. It runs the rendering
functions of gradio_client itself, taken from a git dir of gradio-app/gradio
at the commit Gradigo follows; nothing of Gradio is kept here.

    python3 regen.py /work/.mirror/gradio-app+gradio/repo
"""

import ast
import glob
import io
import json
import os
import subprocess
import sys
from contextlib import redirect_stdout
from types import SimpleNamespace

COMMIT = "375335e6"


def source(git_dir, path):
    return subprocess.run(["git", "-C", git_dir, "show", f"{COMMIT}:{path}"],
                          check=True, capture_output=True, text=True).stdout


def functions(src, names, within=None):
    """The source of the named functions (methods of class `within`)."""
    tree = ast.parse(src)
    body = tree.body
    if within:
        body = next(n for n in body if isinstance(n, ast.ClassDef) and n.name == within).body
    return {n.name: ast.get_source_segment(src, n) for n in body
            if isinstance(n, ast.FunctionDef) and n.name in names}


def main(git_dir):
    utils_src = source(git_dir, "client/python/gradio_client/utils.py")
    client_src = source(git_dir, "client/python/gradio_client/client.py")
    utils = {}
    for code in functions(utils_src, {"sanitize_parameter_names", "traverse", "is_file_obj_with_meta"}).values():
        exec("from __future__ import annotations\n" + code, utils)
    methods = functions(client_src, {"view_api", "_render_endpoints_info"}, within="Client")
    namespace = {"utils": SimpleNamespace(**utils), "Literal": None, "ParameterInfo": dict}
    for code in methods.values():
        exec("from __future__ import annotations\n" + code.replace("\n    ", "\n"), namespace)

    here = os.path.dirname(os.path.abspath(__file__))
    for path in sorted(glob.glob(os.path.join(here, "*.json"))):
        with open(path) as f:
            info = json.load(f)
        # What gradio_client's _get_api_info keeps of the document.
        for kind in ("named_endpoints", "unnamed_endpoints"):
            kept = {}
            for name, endpoint in info[kind].items():
                endpoint.pop("code_snippets", None)
                if ("api_visibility" in endpoint and endpoint.pop("api_visibility") != "private") or endpoint.pop("show_api", True):
                    kept[name] = endpoint
            info[kind] = kept
        client = SimpleNamespace(_info=info)
        client._render_endpoints_info = lambda *a: namespace["_render_endpoints_info"](client, *a)
        for suffix, all_endpoints in ((".txt", None), (".all.txt", True)):
            out = io.StringIO()
            with redirect_stdout(out):
                namespace["view_api"](client, all_endpoints=all_endpoints)
            with open(path[:-len(".json")] + suffix, "w") as f:
                f.write(out.getvalue())


if __name__ == "__main__":
    main(sys.argv[1])
