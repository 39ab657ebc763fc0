import io
import sys
buf = io.StringIO()
buf.write("hello ")
buf.write("world\n")
print("printed", 42, file=buf)
print(repr(buf.getvalue()))
r = io.StringIO("line one\nline two\nline three\n")
print(r.readline().strip(), "|", r.read())
r2 = io.StringIO("a\nb\nc")
print([l for l in r2], r2.read() == "")
r3 = io.StringIO("x\ny\n")
print(r3.readlines())
old = sys.stdout
sys.stdout = capture = io.StringIO()
print("captured text")
sys.stdout = old
print("got:", repr(capture.getvalue()))
s = io.StringIO()
s.write("abc")
s.seek(0)
print(s.read(), s.tell())
