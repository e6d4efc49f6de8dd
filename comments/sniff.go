package comments

import (
	"archive/zip"
	"bytes"
	"io"
	"path"
	"strings"
)

// fileType is an allowed kind of attachment.
type fileType struct {
	kind  string   // "jpg", "png", …
	mime  string   // served to staff as this type
	exts  []string // file name extensions that may carry it
	label string   // Vietnamese name, for messages
}

var fileTypes = map[string]fileType{
	"jpg":  {"jpg", "image/jpeg", []string{".jpg", ".jpeg", ".jfif"}, "ảnh JPEG"},
	"png":  {"png", "image/png", []string{".png"}, "ảnh PNG"},
	"gif":  {"gif", "image/gif", []string{".gif"}, "ảnh GIF"},
	"webp": {"webp", "image/webp", []string{".webp"}, "ảnh WebP"},
	"pdf":  {"pdf", "application/pdf", []string{".pdf"}, "tài liệu PDF"},
	"docx": {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", []string{".docx"}, "văn bản Word"},
	"xlsx": {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", []string{".xlsx"}, "bảng tính Excel"},
	"pptx": {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", []string{".pptx"}, "trình chiếu PowerPoint"},
	"doc":  {"doc", "application/msword", []string{".doc"}, "văn bản Word"},
	"xls":  {"xls", "application/vnd.ms-excel", []string{".xls"}, "bảng tính Excel"},
	"ppt":  {"ppt", "application/vnd.ms-powerpoint", []string{".ppt"}, "trình chiếu PowerPoint"},
}

// AllowedTypes is the Vietnamese list of what may be attached, for messages
// and the form.
const AllowedTypes = "ảnh (JPEG, PNG, WebP, GIF), PDF, Word, Excel, PowerPoint"

// sniffHead is how many leading bytes sniffing needs.
const sniffHead = 16

var ole2Magic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// sniff tells what a file is by its content, never by its name: head holds
// its first bytes, r the whole file of the given size (Office Open XML
// documents are zip archives, told apart by their parts). name only
// decides between the old Office formats, which share one container
// (OLE2). It returns "" for anything not allowed.
func sniff(head []byte, r io.ReaderAt, size int64, name string) string {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return "jpg"
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return "png"
	case bytes.HasPrefix(head, []byte("GIF87a")), bytes.HasPrefix(head, []byte("GIF89a")):
		return "gif"
	case len(head) >= 12 && bytes.Equal(head[:4], []byte("RIFF")) && bytes.Equal(head[8:12], []byte("WEBP")):
		return "webp"
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return "pdf"
	case bytes.HasPrefix(head, ole2Magic):
		switch strings.ToLower(path.Ext(name)) {
		case ".xls":
			return "xls"
		case ".ppt":
			return "ppt"
		}
		return "doc"
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return sniffOOXML(r, size)
	}
	return ""
}

// sniffOOXML tells a Word, Excel or PowerPoint document from any other zip
// archive: it must hold [Content_Types].xml and the main part of one of
// them.
func sniffOOXML(r io.ReaderAt, size int64) string {
	z, err := zip.NewReader(r, size)
	if err != nil {
		return ""
	}
	types, kind := false, ""
	for _, f := range z.File {
		switch f.Name {
		case "[Content_Types].xml":
			types = true
		case "word/document.xml":
			kind = "docx"
		case "xl/workbook.xml":
			kind = "xlsx"
		case "ppt/presentation.xml":
			kind = "pptx"
		}
	}
	if !types {
		return ""
	}
	return kind
}

// extFits reports whether a file name's extension is one the kind is
// written with, so that a PDF named "anh.jpg" is refused.
func extFits(kind, name string) bool {
	ext := strings.ToLower(path.Ext(name))
	for _, e := range fileTypes[kind].exts {
		if e == ext {
			return true
		}
	}
	return false
}
