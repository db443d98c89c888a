// An app served with server.WithAuth (Gradio's launch(auth=...)): connect
// rejects without `auth` and with a wrong password; with `auth` the client
// posts the login form, replays the cookie on every request, and predict
// works through the queue.
// Arguments: <app url> <username> <password> [<auth message>], the last as
// given to server.WithAuthMessage, if it was.
import { Client } from "@gradio/client";
import { url, watchdog, step, fail, equal, pass } from "./lib.mjs";

const [username, password, authMessage] = process.argv.slice(3);
if (!username || !password) {
	console.error("usage: node auth.mjs <app url> <username> <password> [<auth message>]");
	process.exit(2);
}

/** Fails unless Client.connect(url, options) rejects; returns its message. */
async function connectRejects(options) {
	let client;
	try {
		client = await Client.connect(url, options);
	} catch (e) {
		console.log(`rejected: ${e.message}`);
		return e.message;
	}
	client.close();
	fail("connect resolved");
}

watchdog();
step("connect without auth");
// /config answers 401 with {"detail":{"error":…,"auth_message":…}}; the
// client rejects with the auth_message, or its own text when that is null.
equal(await connectRejects({}), authMessage ?? "Login credentials are required to access this space.", "error message");

step("connect with a wrong password");
// /login answers 400 "Incorrect credentials.", as Gradio's does.
await connectRejects({ auth: [username, password + "-wrong"] });

step("connect with auth");
const client = await Client.connect(url, { auth: [username, password] });
equal(client.config.protocol, "sse_v3", "config.protocol");

step("predict");
equal((await client.predict("/greet", { name: "Bob" })).data, ["Hello Bob!"], "data");
pass(client);
