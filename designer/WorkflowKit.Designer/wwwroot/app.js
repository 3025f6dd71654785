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

// The size of each node of a flow canvas and the offsets of its ports from its top left corner, in diagram units
// (screen pixels divided by the zoom), for FlowCanvas: one call for the whole flow instead of one per node and port.
window.workflowKit.measureFlowNodes = function (canvas, zoom) {
    if (!canvas) {
        return [];
    }
    const nodes = [];
    for (const node of canvas.querySelectorAll(".diagram-node[data-node-id]")) {
        const box = node.getBoundingClientRect();
        const ports = [];
        for (const port of node.querySelectorAll("[data-port-id]")) {
            const rect = port.getBoundingClientRect();
            ports.push({
                id: port.dataset.portId,
                x: (rect.left - box.left) / zoom,
                y: (rect.top - box.top) / zoom,
                width: rect.width / zoom,
                height: rect.height / zoom
            });
        }
        nodes.push({ id: node.dataset.nodeId, width: box.width / zoom, height: box.height / zoom, ports: ports });
    }
    return nodes;
};
