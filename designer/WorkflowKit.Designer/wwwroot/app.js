// Small helpers the components call through JS interop.
window.workflowKit = {
    download: function (fileName, contentType, text) {
        const blob = new Blob([text], { type: contentType });
        const url = URL.createObjectURL(blob);
        const link = document.createElement("a");
        link.href = url;
        link.download = fileName;
        document.body.appendChild(link);
        link.click();
        link.remove();
        URL.revokeObjectURL(url);
    }
};

// A handwritten signature pad on a canvas. Strokes follow the pointer (mouse, pen or touch). Half a second after
// the last stroke ends, the drawing is sent to the component as a PNG in base64, which uploads it.
window.workflowKit.signaturePad = {
    attach: function (canvas, component) {
        const context = canvas.getContext("2d");
        context.lineWidth = 2.5;
        context.lineCap = "round";
        context.lineJoin = "round";
        context.strokeStyle = "#111";
        let drawing = false;
        let timer = null;
        const point = function (event) {
            const box = canvas.getBoundingClientRect();
            return {
                x: (event.clientX - box.left) * canvas.width / box.width,
                y: (event.clientY - box.top) * canvas.height / box.height
            };
        };
        canvas.addEventListener("pointerdown", function (event) {
            drawing = true;
            canvas.setPointerCapture(event.pointerId);
            const at = point(event);
            context.beginPath();
            context.moveTo(at.x, at.y);
            context.lineTo(at.x + 0.1, at.y + 0.1);
            context.stroke();
            clearTimeout(timer);
            event.preventDefault();
        });
        canvas.addEventListener("pointermove", function (event) {
            if (!drawing) {
                return;
            }
            const at = point(event);
            context.lineTo(at.x, at.y);
            context.stroke();
            event.preventDefault();
        });
        const end = function () {
            if (!drawing) {
                return;
            }
            drawing = false;
            canvas.dataset.drawn = "true";
            clearTimeout(timer);
            timer = setTimeout(function () {
                const png = canvas.toDataURL("image/png").split(",")[1];
                component.invokeMethodAsync("SaveSignatureAsync", png);
            }, 500);
        };
        canvas.addEventListener("pointerup", end);
        canvas.addEventListener("pointercancel", end);
        canvas.addEventListener("pointerleave", end);
    },
    clear: function (canvas) {
        canvas.getContext("2d").clearRect(0, 0, canvas.width, canvas.height);
        delete canvas.dataset.drawn;
    }
};
