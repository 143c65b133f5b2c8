// Builds ../../smedx/assets/plotly-kit.min.js: plotly.js (the exact version plotly.py ships) with
// only the trace types the kit draws, minified, wrapped like plotly's own dist files.
//
//   cd tools/plotly-bundle && npm ci && npm run build
//
// The steps follow plotly.js's own partial bundles (tasks/partial_bundle.mjs, bundle_wrapper.mjs
// and compress_attributes.js of that version): an index that registers the traces, esbuild with
// plotly's settings, attribute descriptions stripped, the same UMD wrapper that sets
// window.Plotly. Same inputs (package-lock.json) give the same bytes.
'use strict';

const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');

// Keep in step with smedx.charts.TRACE_TYPES (a test compares them).
const TRACES = ['bar', 'scatter', 'scatterpolar', 'heatmap', 'table'];
const OUT = path.resolve(__dirname, '../../smedx/assets/plotly-kit.min.js');
const PLOTLY = path.dirname(require.resolve('plotly.js/package.json'));
const VERSION = require('plotly.js/package.json').version;

const index = [
    "'use strict';",
    "var Plotly = require('plotly.js/lib/core');",
    'Plotly.register([',
    ...TRACES.map((t) => `    require('plotly.js/lib/${t}'),`),
    ']);',
    'module.exports = Plotly;',
    '',
].join('\n');

// plotly's compress_attributes plugin (same patterns): the schema's prose is not needed to draw.
const META = [
    /\s*description: '.*',?/g,
    /\s*description: \[[\s\S]*?\]\.join\([\s\S]*?\),?/g,
    /\s*requiredOpts: \[[\s\S]*?\],?/g,
    /\s*otherOpts: \[[\s\S]*?\],?/g,
    /\s*role: '.*',?/g,
    /\s*hrName: '.*',?/g,
];
const compressAttributes = {
    name: 'compress-attributes',
    setup(build) {
        const src = path.join(PLOTLY, 'src') + path.sep;
        build.onLoad({ filter: /\.js$/ }, async (args) => {
            if (!args.path.startsWith(src)) return undefined;
            let text = await fs.promises.readFile(args.path, 'utf8');
            for (const re of META) text = text.replace(re, '');
            return { contents: text, loader: 'js' };
        });
    },
};

const HEADER = `/**
* plotly.js v${VERSION} (smedx partial bundle: ${TRACES.join(', ')})
* Copyright 2012-2026, Plotly, Inc.
* All rights reserved.
* Licensed under the MIT license
* Built by tools/plotly-bundle/build.js of the SME DX Kit.
*/
(
 function(root, factory) {
  if (typeof module === "object" && module.exports) {
   module.exports = factory();
  } else {
   root.moduleName = factory();
  }
} (typeof self !== "undefined" ? self : this, () => {
`;
const FOOTER = '\nwindow.Plotly = Plotly;\nreturn Plotly;\n}));\n';

async function main() {
    const result = await esbuild.build({
        stdin: { contents: index, resolveDir: __dirname, sourcefile: 'smedx-plotly-index.js' },
        format: 'iife',
        globalName: 'Plotly',
        bundle: true,
        minify: true,
        legalComments: 'eof', // the bundled libraries' licence notices, as in plotly's dist
        sourcemap: false,
        write: false,
        plugins: [compressAttributes],
        // maplibre's CSS is required only by map traces, which this bundle leaves out
        loader: { '.css': 'empty' },
        define: {
            global: 'window',
            'define.amd': 'false',
            'process.env.NODE_DEBUG': 'false',
        },
        target: 'es2016',
        logLevel: 'warning',
    });
    const code = result.outputFiles[0].text;
    const tmp = `${OUT}.tmp`;
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(tmp, HEADER + code + FOOTER);
    fs.renameSync(tmp, OUT);
    const kb = (fs.statSync(OUT).size / 1024).toFixed(0);
    console.log(`wrote ${path.relative(process.cwd(), OUT)}: plotly.js ${VERSION}, ${kb} kB`);
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
