// Command gallery_component is Gradio's demo of the same name: a Gallery in
// four columns of two pictures and a video from the web, and a picture and
// a video from Gradio's media (here stand-ins of the same names, see
// demo/internal/media), each with its caption.
//
//	go run ./demo/gallery_component        # then open http://127.0.0.1:7860/
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/demo/internal/media"
	"github.com/gradigo/gradigo/server"
)

func main() {
	addr := server.AddrFlag()
	flag.Parse()
	files, err := media.NewDir("")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer files.Remove()
	app, err := newApp(files)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	server.Main(app, *addr)
}

func newApp(files *media.Dir) (*blocks.App, error) {
	cheetah, err := files.Image("cheetah.jpg")
	if err != nil {
		return nil, err
	}
	world, err := files.Video("world.mp4")
	if err != nil {
		return nil, err
	}
	item := func(path, caption string) blocks.GalleryItem {
		return blocks.GalleryItem{File: blocks.FileData{Path: path}, Caption: caption}
	}
	galleryItems := []blocks.GalleryItem{
		item("https://upload.wikimedia.org/wikipedia/commons/0/09/TheCheethcat.jpg", "cheetah1"),
		item("https://nationalzoo.si.edu/sites/default/files/animals/cheetah-003.jpg", "cheetah2"),
		item("https://videos.pexels.com/video-files/3209828/3209828-uhd_2560_1440_25fps.mp4", "world"),
		item(cheetah, "cheetah3"),
		item(world, "world2"),
	}
	demo := blocks.New()
	blocks.Add(demo, &blocks.Gallery{Value: galleryItems, Columns: 4})
	return demo, nil
}
