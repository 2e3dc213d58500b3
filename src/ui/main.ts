/// <reference types="vite-plugin-pwa/vanillajs" />
// ^ types for virtual:pwa-register, which components/UpdatePrompt.svelte imports.
import { mount } from 'svelte';
import App from './App.svelte';
import './global.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

export default mount(App, { target });
