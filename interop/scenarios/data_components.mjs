// The data and editor components through @gradio/client: each endpoint
// takes its component's value as Gradio's clients send it (a list of
// choice values, hex text, "YYYY-MM-DD HH:MM:SS" text, code, HTML, a
// {headers, data} table) and returns it in Gradio's shape; /info names the
// components as Gradio does; a bad value is refused with Gradio's error.
import { Client } from "@gradio/client";
import { url, watchdog, step, check, equal, pass } from "./lib.mjs";

watchdog();
step("connect");
const client = await Client.connect(url);
step("view_api");
const api = await client.view_api();
equal(Object.keys(api.named_endpoints), ["/toppings", "/color", "/next_day", "/code", "/html", "/double"], "endpoints");
equal(Object.values(api.named_endpoints).map((e) => e.parameters[0].component),
	["Checkboxgroup", "Colorpicker", "Datetime", "Code", "Html", "Dataframe"], "components");
equal(api.named_endpoints["/toppings"].parameters[0].python_type.type, "list[Literal['cheese', 'ham']]", "choices type");

step("predict /toppings (CheckboxGroup)");
let result = await client.predict("/toppings", { toppings: ["cheese"] });
equal(result.data, [["cheese", "ham"]], "toppings");
step("a choice that is not one is refused");
let refused = null;
try {
	await client.predict("/toppings", { toppings: ["Cheese"] });
} catch (e) {
	refused = e;
}
equal([refused?.stage, refused?.code], ["error", "validation_error"], "refusal");
// The join's 422 names the input and says why, in Gradio's words.
const join = await fetch(`${url.replace(/\/$/, "")}/gradio_api/queue/join`, {
	method: "POST", headers: { "Content-Type": "application/json" },
	body: JSON.stringify({ data: [["Cheese"]], fn_index: 0, session_hash: "s" }),
});
const { detail } = await join.json();
equal([join.status, detail[0].parameter_name, detail[0].message], [422, "toppings",
	"Value: 'Cheese' (type: <class 'str'>) is not in the list of choices: ['cheese', 'ham']"], "422 detail");

step("predict /color (ColorPicker)");
result = await client.predict("/color", { color: "#a1b2c3" });
equal(result.data, ["#A1B2C3"], "color");

step("predict /next_day (DateTime)");
result = await client.predict("/next_day", { start: "2024-02-28 23:30:00" });
equal(result.data, ["2024-02-29 23:30:00"], "next day");

step("predict /code (Code)");
result = await client.predict("/code", { source: "print(1)\n\n" });
equal(result.data, ["# checked\nprint(1)"], "code");

step("predict /html (HTML)");
result = await client.predict("/html", { snippet: "hi <i>there</i>" });
equal(result.data, ["<b>hi <i>there</i></b>"], "html");

step("predict /double (Dataframe)");
result = await client.predict("/double", { scores: { headers: ["name", "score"], data: [["Ada", 1.5], ["Bob", "2"]] } });
equal(result.data, [{ headers: ["name", "double"], data: [["Ada", 3], ["Bob", 4]], metadata: { display_value: [["Ada", "3.0"], ["Bob", "4.0"]], styling: null } }], "table");
pass(client);
