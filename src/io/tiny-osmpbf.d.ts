declare module 'tiny-osmpbf' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  export default function tinyosmpbf(data: Uint8Array, handler?: (element: any) => void): any;
}
