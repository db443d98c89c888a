package blocks

import (
	"fmt"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"unicode"
)

// nameListeners gives every listener its api_name, in the order they were
// added: the one it was given, or its handler's name (see handlerName);
// duplicates get _1, _2… as in Gradio.
func (a *App) nameListeners() {
	used := map[string]bool{}
	for _, l := range a.allListeners() {
		name := l.apiName
		if name == "" {
			name = l.defaultName()
		}
		base := name
		for i := 1; used[name]; i++ {
			name = fmt.Sprintf("%s_%d", base, i)
		}
		used[name] = true
		l.apiName = name
	}
}

// defaultName is Gradio's api_name for a listener given none: its
// function's name; "js_fn" (private) for JavaScript alone; "unnamed"
// (private) for a listener that only cancels others.
func (l *Listener) defaultName() string {
	switch {
	case l.render != nil:
		return "apply" // Gradio's Renderable.apply
	case l.fn.IsValid():
		return handlerName(l.fn)
	case l.js != "":
		return "js_fn"
	}
	return "unnamed"
}

// closureName matches the parts Go gives function literals in a symbol
// name: main.main.func1, and main.main.func2.1 for one written inside another
// (a layout callback, say).
var closureName = regexp.MustCompile(`^(func)?\d+$`)

// handlerName is the snake_case name of a Go function (imageGen1 →
// image_gen_1; a method value names its method), and "lambda" for any
// function literal, wherever it is written: Gradio's name for a Python
// lambda, which is what a Go function literal is.
func handlerName(fn reflect.Value) string {
	if fn.Kind() != reflect.Func {
		return "lambda"
	}
	f := runtime.FuncForPC(fn.Pointer())
	if f == nil {
		return "lambda"
	}
	name := f.Name()                             // e.g. github.com/x/app.(*gen).imageGen-fm
	name = name[strings.LastIndex(name, "/")+1:] // app.(*gen).imageGen-fm
	name = strings.TrimSuffix(name, "-fm")       // method values
	if i := strings.IndexByte(name, '['); i >= 0 {
		// Generic functions: F[...], and F[...].func1 for a function
		// literal written in one.
		rest := ""
		if j := strings.LastIndexByte(name, ']'); j > i {
			rest = name[j+1:]
		}
		name = name[:i] + rest
	}
	parts := strings.Split(name, ".")
	last := parts[len(parts)-1]
	if len(parts) < 2 || last == "" || closureName.MatchString(last) {
		return "lambda"
	}
	return snakeCase(last)
}

// snakeCase turns a Go name into snake_case: imageGen1 → image_gen_1,
// imageGenV2 → image_gen_v2,
// HTTPServer → http_server.
func snakeCase(name string) string {
	runes := []rune(name)
	var b strings.Builder
	for i, r := range runes {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			b.WriteByte('_')
			continue
		}
		if i > 0 {
			prev := runes[i-1]
			nextLower := i+1 < len(runes) && unicode.IsLower(runes[i+1])
			switch {
			case unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev)):
				b.WriteByte('_')
			case unicode.IsUpper(r) && unicode.IsUpper(prev) && nextLower:
				b.WriteByte('_')
			case unicode.IsDigit(r) && unicode.IsLower(prev):
				b.WriteByte('_')
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
