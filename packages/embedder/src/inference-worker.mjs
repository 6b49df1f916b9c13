// Runs the ONNX Runtime session off the main thread: onnxruntime-node's session.run() is synchronous
// on the calling thread, so running it here keeps the embedder's event loop free during inference.
// Plain JavaScript because worker entry files are loaded by Node itself, without the TS loader.
import { parentPort, workerData } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';

const { onnxPath, sessionOptions } = workerData;
const port = parentPort;
if (!port) throw new Error('inference-worker.mjs must run in a worker thread');

let session;
try {
  session = await ort.InferenceSession.create(onnxPath, sessionOptions);
  port.postMessage({
    kind: 'ready',
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    outputMetadata: session.outputMetadata.map((m) => ({ name: m.name, isTensor: m.isTensor, shape: m.isTensor ? m.shape : [] })),
  });
} catch (error) {
  port.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
}

port.on('message', async (message) => {
  if (message.kind === 'run') {
    try {
      const feeds = {};
      for (const [name, data] of Object.entries(message.feeds)) feeds[name] = new ort.Tensor('int64', data, message.dims);
      const output = (await session.run(feeds, [message.outputName]))[message.outputName];
      if (!output) throw new Error(`no output named ${message.outputName}`);
      const data = output.data;
      port.postMessage({ kind: 'result', id: message.id, type: output.type, dims: output.dims, data }, [data.buffer]);
    } catch (error) {
      port.postMessage({ kind: 'error', id: message.id, message: error instanceof Error ? error.message : String(error) });
    }
  } else if (message.kind === 'close') {
    await session?.release();
    port.close();
  }
});
