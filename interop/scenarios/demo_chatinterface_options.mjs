// A ChatInterface whose reply is a message with options
// (demo/chatinterface_options), called as @gradio/client calls Gradio's
// /chat: the reply comes as a gr.ChatMessage's dictionary; the option's
// value, sent back, gets a plain string.
import { Client } from "@gradio/client";
import { url, watchdog, step, check, pass } from "./lib.mjs";

watchdog(30000);
step("connect");
const client = await Client.connect(url);

step("/chat answers with a message and its options");
const offer = (await client.predict("/chat", { message: "Hello!!" })).data[0];
check(offer.role === "assistant" && offer.content.includes("lambda x: x + 8"), `reply ${JSON.stringify(offer)}`);
const [yesOpt, noOpt] = offer.options;
check(offer.options.length === 2 && yesOpt.value === "Yes, that's correct." && yesOpt.label === "Yes" && noOpt.value === "No" && !("label" in noOpt),
	`options ${JSON.stringify(offer.options)}`);

step("the Yes option's value gets Great!");
const yes = (await client.predict("/chat", [offer.options[0].value])).data[0];
check(yes === "Great!", `reply ${JSON.stringify(yes)}`);
pass(client);
