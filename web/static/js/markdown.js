// A small Markdown renderer: the subset Gradio apps use in practice
// (headings, emphasis, code, links, images, lists, quotes, tables, rules),
// plus raw HTML blocks and inline tags as CommonMark allows them. Text is
// escaped; raw HTML passes through and the whole result is then sanitised
// with DOMPurify (vendored), as Gradio's `sanitize_html: true` does, so
// `<h1 style="…">` renders while scripts, event handlers and javascript:
// URLs are removed.

import { escapeHtml } from "./util.js";
import DOMPurify from "../vendor/dompurify/purify.es.mjs";

/**
 * Renders Markdown to HTML for innerHTML. With `sanitize` (the default, as
 * config's sanitize_html) the result is passed through DOMPurify; only an
 * app that sets sanitize_html: false gets its raw HTML as written.
 */
export function renderMarkdown(source, { sanitize = true } = {}) {
	const lines = String(source ?? "").replace(/\r\n?/g, "\n").split("\n");
	const html = renderBlocks(lines);
	return sanitize ? sanitizeHtml(html) : html;
}

/** DOMPurify with links allowed to open in a new tab. */
export function sanitizeHtml(html) {
	return DOMPurify.sanitize(html, { ADD_ATTR: ["target"] });
}

// An HTML block starts with a tag or a comment at the start of a line and
// runs to the next blank line (CommonMark's HTML blocks, types 2, 6 and 7).
const HTML_BLOCK = /^\s{0,3}(<!--|<\/?[A-Za-z][A-Za-z0-9-]*(\s|\/?>|$))/;
// Inline raw HTML: an open or close tag, or a comment.
const INLINE_TAG = /<!--[\s\S]*?-->|<\/?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w:.-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/g;

function renderBlocks(lines) {
	const out = [];
	let i = 0;
	while (i < lines.length) {
		const line = lines[i];
		if (/^\s*$/.test(line)) { i++; continue; }

		const fence = line.match(/^\s*(```|~~~)\s*([\w+-]*)/);
		if (fence) {
			const body = [];
			i++;
			while (i < lines.length && !lines[i].trim().startsWith(fence[1])) body.push(lines[i++]);
			i++; // closing fence
			const lang = fence[2] ? ` class="language-${escapeHtml(fence[2])}"` : "";
			out.push(`<pre><code${lang}>${escapeHtml(body.join("\n"))}</code></pre>`);
			continue;
		}
		if (HTML_BLOCK.test(line)) {
			const block = [];
			while (i < lines.length && !/^\s*$/.test(lines[i])) block.push(lines[i++]);
			out.push(block.join("\n"));
			continue;
		}
		const heading = line.match(/^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/);
		if (heading) {
			const n = heading[1].length;
			out.push(`<h${n}>${inline(heading[2])}</h${n}>`);
			i++;
			continue;
		}
		if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) { out.push("<hr>"); i++; continue; }
		if (/^\s{0,3}>/.test(line)) {
			const quoted = [];
			while (i < lines.length && /^\s{0,3}>/.test(lines[i])) quoted.push(lines[i++].replace(/^\s{0,3}>\s?/, ""));
			out.push(`<blockquote>${renderBlocks(quoted)}</blockquote>`);
			continue;
		}
		if (LIST_ITEM.test(line)) {
			const [html, next] = renderList(lines, i);
			out.push(html);
			i = next;
			continue;
		}
		if (line.includes("|") && i + 1 < lines.length && TABLE_RULE.test(lines[i + 1])) {
			const [html, next] = renderTable(lines, i);
			out.push(html);
			i = next;
			continue;
		}
		const para = [];
		while (i < lines.length && !/^\s*$/.test(lines[i]) && !startsBlock(lines[i])) para.push(lines[i++]);
		if (para.length === 0) para.push(lines[i++]); // a block marker we could not parse
		out.push(`<p>${inline(para.join("\n"))}</p>`);
	}
	return out.join("\n");
}

const LIST_ITEM = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

function startsBlock(line) {
	return /^\s*(```|~~~|#{1,6}\s|>)/.test(line) || HTML_BLOCK.test(line) || LIST_ITEM.test(line) || /^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line);
}

// Lists: items at the first item's indentation; deeper-indented lines belong
// to the current item and are rendered recursively (nested lists, text).
function renderList(lines, start) {
	const first = lines[start].match(LIST_ITEM);
	const indent = first[1].length;
	const ordered = /\d/.test(first[2]);
	const items = [];
	let i = start;
	while (i < lines.length) {
		const m = lines[i].match(LIST_ITEM);
		if (m && m[1].length === indent && /\d/.test(m[2]) === ordered) {
			items.push([m[3]]);
			i++;
		} else if (items.length && !/^\s*$/.test(lines[i]) && (lines[i].match(/^\s*/)[0].length > indent)) {
			items[items.length - 1].push(lines[i].slice(Math.min(indent + 2, lines[i].match(/^\s*/)[0].length)));
			i++;
		} else break;
	}
	const tag = ordered ? "ol" : "ul";
	const startNum = ordered ? parseInt(first[2], 10) : 1;
	const startAttr = ordered && startNum !== 1 ? ` start="${startNum}"` : "";
	const body = items.map(([head, ...rest]) => {
		const nested = rest.length ? renderBlocks(rest) : "";
		return `<li>${inline(head)}${nested}</li>`;
	});
	return [`<${tag}${startAttr}>${body.join("")}</${tag}>`, i];
}

function renderTable(lines, start) {
	const cells = (line) => line.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map((c) => c.trim());
	const head = cells(lines[start]);
	const rows = [];
	let i = start + 2;
	while (i < lines.length && lines[i].includes("|") && !/^\s*$/.test(lines[i])) rows.push(cells(lines[i++]));
	const th = head.map((c) => `<th>${inline(c)}</th>`).join("");
	const tr = rows.map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join("")}</tr>`).join("");
	return [`<table><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table>`, i];
}

// Only these URL forms may become href/src: web links, mail, in-page and
// relative paths. Anything with another scheme (javascript:, data:) is dropped.
function safeUrl(url) {
	const u = url.trim();
	if (/^(https?:|mailto:|#|\/|\.\/|\.\.\/)/i.test(u) || !/^[^/?#]*:/.test(u)) return u;
	return null;
}

/** Inline markup on one paragraph; raw tags pass through, the rest is escaped. */
function inline(text) {
	const saved = [];
	const keep = (html) => `\u0000${saved.push(html) - 1}\u0000`;
	// Code spans first (on the raw text) so nothing inside them is
	// interpreted, then raw HTML tags; everything else is escaped.
	let s = String(text).replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_, __, code) => keep(`<code>${escapeHtml(code.trim())}</code>`));
	s = s.replace(INLINE_TAG, (tag) => keep(tag));
	s = escapeHtml(s);
	// URLs may hold one level of balanced parentheses, as in CommonMark.
	s = s.replace(/!\[([^\]]*)\]\(((?:[^()\s]|\([^()\s]*\))+)(?:\s+&quot;[^&]*&quot;)?\)/g, (m, alt, url) => {
		const safe = safeUrl(url);
		return safe ? keep(`<img src="${safe}" alt="${alt}">`) : alt;
	});
	s = s.replace(/\[([^\]]+)\]\(((?:[^()\s]|\([^()\s]*\))+)(?:\s+&quot;[^&]*&quot;)?\)/g, (m, label, url) => {
		const safe = safeUrl(url);
		return safe ? keep(`<a href="${safe}" target="_blank" rel="noopener noreferrer">`) + label + keep("</a>") : label;
	});
	s = s.replace(/&lt;(https?:\/\/[^\s&]+)&gt;/g, (m, url) => keep(`<a href="${url}" target="_blank" rel="noopener noreferrer">${url}</a>`));
	s = s.replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, "<strong>$2</strong>");
	s = s.replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\*)/g, "$1<em>$2</em>");
	s = s.replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, "$1<em>$2</em>");
	s = s.replace(/~~(?=\S)([\s\S]*?\S)~~/g, "<del>$1</del>");
	s = s.replace(/ {2,}\n|\\\n/g, "<br>");
	return s.replace(/\u0000(\d+)\u0000/g, (_, n) => saved[Number(n)]);
}
