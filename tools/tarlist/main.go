// tarlist lists a tar archive with Go's archive/tar, the reader Docker, containerd, podman and
// go-containerregistry unpack layers with, as JSON: the oracle Layerpad's tar reader is compared
// with. Standard library only.
//
//	tarlist FILE      one JSON document for FILE
//	tarlist -serve    reads archives from stdin, each as a 4-byte big-endian length and the
//	                  bytes, and answers each with one JSON line (for fuzzing without a process
//	                  per case)
package main

import (
	"archive/tar"
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

type entry struct {
	Type     int    `json:"type"`
	Name     []byte `json:"name"`
	Linkname []byte `json:"linkname"`
	Size     int64  `json:"size"`
	Mode     int64  `json:"mode"`
	Uid      int    `json:"uid"`
	Gid      int    `json:"gid"`
	Uname    string `json:"uname"`
	Gname    string `json:"gname"`
	Mtime    int64  `json:"mtime"`
	Devmajor int64  `json:"devmajor"`
	Devminor int64  `json:"devminor"`
	// Offset of the entry's data in the archive (after every header it consumed).
	DataOffset int64             `json:"dataOffset"`
	Xattrs     map[string][]byte `json:"xattrs,omitempty"`
	PaxKeys    []string          `json:"paxKeys,omitempty"`
	// SHA-256 of the content Go's Reader returns (sparse files expanded), or the read error.
	Sha256    string `json:"sha256,omitempty"`
	ReadError string `json:"readError,omitempty"`
}

type listing struct {
	Entries []entry `json:"entries"`
	Error   string  `json:"error,omitempty"`
}

// counter is an io.Reader without Seek, so archive/tar reads every byte and the count is exact.
type counter struct {
	r io.Reader
	n int64
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// maxContent bounds how much of one entry is hashed; larger entries are skipped, not read.
const maxContent = 64 << 20

func list(r io.Reader) listing {
	src := &counter{r: r}
	tr := tar.NewReader(src)
	out := listing{Entries: []entry{}}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			out.Error = err.Error()
			return out
		}
		e := entry{
			Type: int(h.Typeflag), Name: []byte(h.Name), Linkname: []byte(h.Linkname), Size: h.Size,
			Mode: h.Mode, Uid: h.Uid, Gid: h.Gid, Uname: h.Uname, Gname: h.Gname,
			Mtime: h.ModTime.Unix(), Devmajor: h.Devmajor, Devminor: h.Devminor, DataOffset: src.n,
		}
		for k, v := range h.PAXRecords {
			e.PaxKeys = append(e.PaxKeys, k)
			if strings.HasPrefix(k, "SCHILY.xattr.") {
				if e.Xattrs == nil {
					e.Xattrs = map[string][]byte{}
				}
				e.Xattrs[strings.TrimPrefix(k, "SCHILY.xattr.")] = []byte(v)
			}
		}
		sort.Strings(e.PaxKeys)
		if h.Size <= maxContent {
			sum := sha256.New()
			if _, err := io.Copy(sum, tr); err != nil {
				e.ReadError = err.Error()
			} else {
				e.Sha256 = hex.EncodeToString(sum.Sum(nil))
			}
		}
		out.Entries = append(out.Entries, e)
		if e.ReadError != "" {
			out.Error = e.ReadError
			return out
		}
	}
}

func serve() error {
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	w := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(w)
	var size [4]byte
	for {
		if _, err := io.ReadFull(in, size[:]); err == io.EOF {
			return w.Flush()
		} else if err != nil {
			return err
		}
		data := make([]byte, binary.BigEndian.Uint32(size[:]))
		if _, err := io.ReadFull(in, data); err != nil {
			return err
		}
		if err := enc.Encode(list(strings.NewReader(string(data)))); err != nil {
			return err
		}
		if err := w.Flush(); err != nil {
			return err
		}
	}
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: tarlist FILE | tarlist -serve")
		os.Exit(2)
	}
	if os.Args[1] == "-serve" {
		if err := serve(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	if err := json.NewEncoder(os.Stdout).Encode(list(f)); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
