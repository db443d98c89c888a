// Dates for the datetime field, as Gradio's js/datetime/utils.ts: the
// "YYYY-MM-DD HH:MM:SS" text the server reads, "now - 2h" forms, and the
// days of a calendar month.

export const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
	"October", "November", "December"];

const pad = (n) => String(n).padStart(2, "0");

/** A Date as the server's text, in the browser's time zone. */
export function formatDate(date, withTime) {
	if (Number.isNaN(date.getTime())) return "";
	const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
	return withTime ? `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` : day;
}

/** Whether text is empty, a date in the component's format, or a "now" form. */
export function validDate(text, withTime) {
	if (text == null || text === "") return true;
	const format = withTime ? /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/ : /^\d{4}-\d{2}-\d{2}$/;
	return format.test(text) || /^(?:\s*now\s*(?:-\s*\d+\s*[dmhs])?)?\s*$/.test(text);
}

/** The Date that text names ("now - 5m" included), or null. */
export function parseDate(text, withTime) {
	if (!text || !validDate(text, withTime)) return null;
	const now = text.match(/^\s*now\s*(?:-\s*(\d+)\s*([dmhs]))?\s*$/);
	if (now) {
		const unit = { d: 86400, h: 3600, m: 60, s: 1 }[now[2] || "s"];
		return new Date(Date.now() - Number(now[1] || 0) * unit * 1000);
	}
	const [d, t = "00:00:00"] = text.split(" ");
	const [y, mo, da] = d.split("-").map(Number);
	const [hh, mm, ss] = t.split(":").map(Number);
	const date = new Date(y, mo - 1, da, hh, mm, ss);
	return Number.isNaN(date.getTime()) ? null : date;
}

/** The 42 days a month's calendar shows, Sunday first, with those of the months around it. */
export function calendarDays(year, month) {
	const first = new Date(year, month, 1);
	const start = new Date(year, month, 1 - first.getDay());
	return Array.from({ length: 42 }, (_, i) => {
		const date = new Date(start.getFullYear(), start.getMonth(), start.getDate() + i);
		return { date, inMonth: date.getMonth() === month };
	});
}
