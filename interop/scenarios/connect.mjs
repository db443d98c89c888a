// connect, then view_api(): every public endpoint, with its parameter names.
import { Client } from "@gradio/client";
import { url, watchdog, step, check, equal, pass } from "./lib.mjs";

watchdog();
step("connect");
const client = await Client.connect(url);
equal(client.config.protocol, "sse_v3", "config.protocol");

step("view_api");
const api = await client.view_api();
const endpoints = api.named_endpoints;
equal(Object.keys(endpoints).sort(), ["/count", "/fail", "/gated", "/greet", "/mirror", "/release", "/sleepy", "/slow"], "endpoints");
const params = (name) => endpoints[name].parameters.map((p) => p.parameter_name);
equal(params("/greet"), ["name"], "/greet parameters");
equal(params("/slow"), ["job"], "/slow parameters");
equal(params("/count"), ["n"], "/count parameters");
equal(params("/mirror"), ["picture"], "/mirror parameters");
equal(endpoints["/greet"].returns.map((r) => r.label), ["Greeting"], "/greet returns");
equal(endpoints["/greet"].parameters[0].component, "Textbox", "/greet parameter component");
const type = endpoints["/count"].type;
equal([type.generator, type.cancel], [true, false], "/count type {generator, cancel}");
pass(client);
