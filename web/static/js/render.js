// gr.render on the page (Gradio's AppTree.rerender and the render branch of
// DependencyManager.dispatch). A render block is a layout container in
// /config (a Column whose id the render's dependency lists as its output,
// with `render_id` on that dependency). When the dependency runs, its output
// carries
//
//   render_config = {render_id, layout: {id: <container>, children: […]},
//                    components: [container, …new components],
//                    dependencies: […new listeners], page: …}
//
// and the page then:
//   1. registers the new dependencies (their triggers replace those of the
//      same [event, component]) and forgets the ones the previous run of
//      this render created;
//   2. replaces everything under the container with the new layout; a new
//      component with the id (or `key`) of one it replaces is that
//      component re-rendered: the props named in its `preserved_by_key`
//      (default ["value"]) keep the values they have on the page;
//   3. runs the load listeners among the new dependencies;
//   4. opens the heartbeat if the app now has a State or an unload listener.

import { clone } from "./util.js";
import { createComponent } from "./components.js";
import { isLayout } from "./layout.js";

export class Renderer {
	constructor(app) {
		this.app = app;
	}

	apply(rc) {
		const app = this.app;
		const renderId = rc.render_id;
		const layout = rc.layout || { id: null, children: [] };
		const container = app.blocks.get(layout.id);
		if (!container || !container.setChildren) return;

		const fresh = app.dispatcher.replaceRendered(renderId, rc.dependencies || []);
		app.config.dependencies = app.dispatcher.dependencies();
		app.noteWiring();

		// What the container holds now, by id and by key.
		const old = new Map();
		const collect = (block) => {
			for (const id of block.childIds || []) {
				const child = app.blocks.get(id);
				if (!child) continue;
				old.set(id, child);
				collect(child);
			}
		};
		collect(container);
		const byKey = new Map([...old.values()].filter((b) => b.key != null).map((b) => [b.key, b]));

		const comps = (rc.components || []).filter((c) => c.id !== layout.id);
		const self = (rc.components || []).find((c) => c.id === layout.id);
		if (self) Object.assign(container.props, self.props || {});
		const keep = new Set(comps.map((c) => c.id));
		for (const [id, block] of old) {
			app.blocks.delete(id);
			block.destroy?.();
			if (!keep.has(id)) app.configById.delete(id);
		}
		for (const cfg of comps) {
			const previous = old.get(cfg.id) || (cfg.key != null ? byKey.get(cfg.key) : null);
			const merged = preserve(cfg, previous);
			app.configById.set(cfg.id, merged);
			if (!isLayout(cfg.type)) app.blocks.set(cfg.id, createComponent(app.componentConfig(merged), app));
		}
		app.config.components = [
			...(app.config.components || []).filter((c) => !old.has(c.id) && !keep.has(c.id)),
			...comps,
		];

		container.setChildren(layout);
		container.build();

		app.dispatcher.dispatchLoad(fresh.values());
		const anyState = [...app.blocks.values()].some((b) => b.type === "state");
		const anyUnload = app.dispatcher.dependencies().some((d) => (d.targets || []).some(([, e]) => e === "unload"));
		if (anyState || anyUnload) {
			app.config.connect_heartbeat = true;
			app.heartbeat();
		}
	}
}

// A keyed component re-rendered keeps its preserved_by_key props (the value
// by default) as the page has them.
function preserve(cfg, previous) {
	if (!previous || previous.type !== cfg.type || cfg.key == null) return cfg;
	const props = { ...(cfg.props || {}) };
	for (const name of cfg.props?.preserved_by_key ?? ["value"]) {
		if (name === "value") {
			if (previous.getValue && previous.type !== "state") props.value = clone(previous.value);
		} else if (name in previous.props) {
			props[name] = clone(previous.props[name]);
		}
	}
	return { ...cfg, props };
}
