// Applies the sse_v2+/v3 generator diffs (protocol doc §4.3), exactly as
// Gradio's own client does (client/js/src/utils/submit.ts `apply_diff`):
// each edit is [action, path, value] with actions replace/append/add/delete,
// and the empty path addresses the value itself.

import { clone } from "./util.js";

/** Returns `previous` transformed by the edit list; `previous` is not mutated. */
export function applyDiff(previous, edits) {
	let value = clone(previous);
	for (const [action, path, arg] of edits) value = applyEdit(value, path, action, arg);
	return value;
}

function applyEdit(target, path, action, value) {
	if (path.length === 0) {
		if (action === "replace") return value;
		if (action === "append") return target + value;
		throw new Error(`Unsupported action at the root: ${action}`);
	}
	let current = target;
	for (let i = 0; i < path.length - 1; i++) current = current[path[i]];
	const last = path[path.length - 1];
	switch (action) {
		case "replace":
			current[last] = value;
			break;
		case "append":
			current[last] += value;
			break;
		case "add":
			if (Array.isArray(current)) current.splice(Number(last), 0, value);
			else current[last] = value;
			break;
		case "delete":
			if (Array.isArray(current)) current.splice(Number(last), 1);
			else delete current[last];
			break;
		default:
			throw new Error(`Unknown diff action: ${action}`);
	}
	return target;
}
