package server

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"

	"github.com/labstack/echo/v4"

	"github.com/gradigo/gradigo/blocks"
)

// maxUploadFiles caps the files of one upload request, as Gradio does.
const maxUploadFiles = 1000

// upload serves POST /gradio_api/upload: each multipart part named "files"
// is saved in the app's upload folder, and the answer lists their absolute
// paths in order; clients send those paths back inside FileData inputs
// (protocol doc §2.2). A request with one file too large (see
// blocks.WithMaxFileSize) gets 413 and keeps none of its files. Errors are
// plain text, as Gradio's.
func (s *Server) upload(c echo.Context) error {
	r := c.Request()
	if mt, _, _ := mime.ParseMediaType(r.Header.Get(echo.HeaderContentType)); mt != "multipart/form-data" {
		return detail(c, http.StatusBadRequest, "Invalid content type.")
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return detail(c, http.StatusBadRequest, "Invalid content type.")
	}
	paths := []string{}
	fail := func(status int, msg string) error {
		for _, p := range paths {
			_ = s.app.RemoveUpload(p)
		}
		return c.String(status, msg)
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fail(http.StatusBadRequest, "Invalid multipart body: "+err.Error())
		}
		if part.FormName() != "files" {
			_ = part.Close()
			continue
		}
		if len(paths) == maxUploadFiles {
			return fail(http.StatusBadRequest, fmt.Sprintf("Too many files. Maximum number of files is %d.", maxUploadFiles))
		}
		path, err := s.app.SaveUpload(part.FileName(), part)
		_ = part.Close()
		switch {
		case errors.Is(err, blocks.ErrFileTooLarge):
			return fail(http.StatusRequestEntityTooLarge,
				fmt.Sprintf("File size exceeded maximum allowed size of %d bytes.", s.app.MaxFileSize()))
		case err != nil:
			// A client going away mid-upload lands here too.
			s.log.Warn().Err(err).Msg("upload failed")
			return fail(http.StatusBadRequest, "Upload failed.")
		}
		paths = append(paths, path)
	}
	s.log.Debug().Int("files", len(paths)).Msg("upload saved")
	return c.JSON(http.StatusOK, paths)
}

// inlineTypes are the media types a browser may show in place (Gradio's
// XSS_SAFE_MIMETYPES): none of them can run script. Every other file is
// sent as an application/octet-stream attachment, so that an uploaded HTML
// or SVG file cannot run script on the app's origin.
var inlineTypes = map[string]bool{
	"image/jpeg": true, "image/png": true, "image/gif": true, "image/webp": true,
	"audio/aac": true, "audio/aiff": true, "audio/flac": true, "audio/mp4": true, "audio/mpeg": true,
	"audio/ogg": true, "audio/wav": true, "audio/webm": true, "audio/x-aiff": true, "audio/x-flac": true,
	"audio/x-m4a": true, "audio/x-matroska": true, "audio/x-wav": true,
	"video/mp4": true, "video/mpeg": true, "video/ogg": true, "video/quicktime": true, "video/webm": true,
	"video/x-matroska": true, "video/x-msvideo": true,
	"text/plain": true, "application/json": true,
}

// file serves GET/HEAD /gradio_api/file=<path>: an uploaded or output file,
// with Range requests, conditional requests and HEAD handled by
// http.ServeContent, and the files of the app's allowed and static paths.
// Any other path, and any blocked one, gets 403, whatever its spelling: the
// path is resolved through every symlink before it is checked
// (blocks.App.ResolveServedFile).
func (s *Server) file(c echo.Context) error {
	name := c.Param("*")
	if c.Request().URL.RawPath != "" {
		// echo routes on the raw path when it has escapes net/url would
		// not reproduce (an encoded "/" or "."), so the parameter is
		// still escaped.
		unescaped, err := url.PathUnescape(name)
		if err != nil {
			return detail(c, http.StatusForbidden, "File not allowed: "+name+".")
		}
		name = unescaped
	}
	real, developer, err := s.app.ResolveServedFile(name)
	if err != nil {
		return detail(c, http.StatusForbidden, "File not allowed: "+name+".")
	}
	f, err := os.Open(real)
	if err != nil {
		return detail(c, http.StatusNotFound, "File not found.")
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return detail(c, http.StatusForbidden, "File not allowed: "+name+".")
	}
	base := filepath.Base(real)
	ctype, disposition := blocks.MimeType(base), "inline"
	// As Gradio: a file the developer allowed is shown with its own type.
	if mt, _, _ := mime.ParseMediaType(ctype); !inlineTypes[mt] && !developer {
		ctype, disposition = "application/octet-stream", "attachment"
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, ctype)
	if d := mime.FormatMediaType(disposition, map[string]string{"filename": base}); d != "" {
		h.Set(echo.HeaderContentDisposition, d)
	} else {
		h.Set(echo.HeaderContentDisposition, disposition)
	}
	h.Set(echo.HeaderXContentTypeOptions, "nosniff")
	h.Set("Cache-Control", "private, max-age=3600")
	http.ServeContent(c.Response(), c.Request(), base, info.ModTime(), f)
	return nil
}
