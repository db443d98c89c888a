// calculator_live: a live Interface. Its endpoint is named after the
// function (/calculator) and answers like any other; dividing by zero is
// an error the client reports.
import { Client } from "@gradio/client";
import { url, watchdog, step, equal, check, pass } from "./lib.mjs";

watchdog();
step("connect");
const client = await Client.connect(url);
step("view_api");
const api = await client.view_api();
equal(Object.keys(api.named_endpoints), ["/calculator"], "endpoints");
step("predict /calculator");
const result = await client.predict("/calculator", { num1: 6, operation: "multiply", num2: 7 });
equal(result.data, [42], "product");
step("divide by zero");
let failed = null;
try {
	await client.predict("/calculator", { num1: 1, operation: "divide", num2: 0 });
} catch (e) {
	failed = e;
}
check(failed && String(failed.message ?? JSON.stringify(failed)).includes("division by zero"), `1/0: ${JSON.stringify(failed)}`);
pass(client);
